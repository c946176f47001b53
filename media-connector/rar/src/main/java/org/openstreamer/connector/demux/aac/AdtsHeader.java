package org.openstreamer.connector.demux.aac;

/**
 * The fixed and variable header of one ADTS frame (ISO/IEC 14496-3, 1.A.2.2), 7 bytes.
 *
 * @param audioObjectType MPEG-4 audio object type: profile + 1 (2 = AAC LC)
 * @param sampleRate      Hz
 * @param channels        from channel_configuration; 0 when a program config element defines them
 * @param frameLength     bytes of the whole frame, header included
 */
public record AdtsHeader(int audioObjectType, int sampleRate, int channels, int frameLength) {

    public static final int LENGTH = 7;

    private static final int[] SAMPLE_RATES = {
        96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350
    };

    /** True when the two bytes start an ADTS header: 12-bit syncword and layer 0. */
    public static boolean isSync(int b0, int b1) {
        return (b0 & 0xFF) == 0xFF && (b1 & 0xF6) == 0xF0;
    }

    /** @return the header at {@code b[off]}, or null when it is not a valid ADTS header */
    public static AdtsHeader parse(byte[] b, int off, int len) {
        if (len < LENGTH || !isSync(b[off], b[off + 1])) {
            return null;
        }
        int b2 = b[off + 2] & 0xFF;
        int b3 = b[off + 3] & 0xFF;
        int rateIndex = (b2 >> 2) & 0x0F;
        if (rateIndex >= SAMPLE_RATES.length) {
            return null;
        }
        int channelConfig = ((b2 & 1) << 2) | (b3 >> 6);
        int frameLength = ((b3 & 0x03) << 11) | ((b[off + 4] & 0xFF) << 3) | ((b[off + 5] & 0xFF) >> 5);
        boolean crc = (b[off + 1] & 1) == 0;
        if (frameLength < LENGTH + (crc ? 2 : 0)) {
            return null;
        }
        int channels = channelConfig == 7 ? 8 : channelConfig;
        return new AdtsHeader((b2 >> 6) + 1, SAMPLE_RATES[rateIndex], channels, frameLength);
    }
}
