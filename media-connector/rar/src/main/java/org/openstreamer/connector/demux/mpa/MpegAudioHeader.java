package org.openstreamer.connector.demux.mpa;

/**
 * The 4-byte header of an MPEG-1/2/2.5 audio frame (ISO/IEC 11172-3 2.4.2.3, 13818-3), layers I-III.
 *
 * @param version    10 for MPEG-1, 20 for MPEG-2, 25 for MPEG-2.5
 * @param layer      1, 2 or 3
 * @param bitrate    kbit/s, 0 for free format
 * @param sampleRate Hz
 * @param channels   1 for single channel, else 2
 */
public record MpegAudioHeader(int version, int layer, int bitrate, int sampleRate, int channels) {

    public static final int LENGTH = 4;

    private static final int[][] SAMPLE_RATES = {
        {11025, 12000, 8000}, // MPEG-2.5
        {0, 0, 0},            // reserved
        {22050, 24000, 16000}, // MPEG-2
        {44100, 48000, 32000}, // MPEG-1
    };

    private static final int[][] BITRATES = {
        {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448}, // V1 L1
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},    // V1 L2
        {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},     // V1 L3
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},    // V2 L1
        {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},         // V2 L2, L3
    };

    /** True when the two bytes start a frame header: 11-bit sync, a defined version and layer. */
    public static boolean isSync(int b0, int b1) {
        return (b0 & 0xFF) == 0xFF && (b1 & 0xE0) == 0xE0 && (b1 & 0x18) != 0x08 && (b1 & 0x06) != 0;
    }

    /** @return the header at {@code b[off]}, or null when it is not a valid frame header */
    public static MpegAudioHeader parse(byte[] b, int off, int len) {
        if (len < LENGTH || !isSync(b[off], b[off + 1])) {
            return null;
        }
        int versionBits = (b[off + 1] >> 3) & 3;
        int layer = 4 - ((b[off + 1] >> 1) & 3);
        int b2 = b[off + 2] & 0xFF;
        int bitrateIndex = b2 >> 4;
        int rateIndex = (b2 >> 2) & 3;
        if (bitrateIndex == 15 || rateIndex == 3) {
            return null;
        }
        int table = versionBits == 3 ? layer - 1 : (layer == 1 ? 3 : 4);
        int channels = ((b[off + 3] >> 6) & 3) == 3 ? 1 : 2;
        int version = versionBits == 3 ? 10 : versionBits == 2 ? 20 : 25;
        return new MpegAudioHeader(version, layer, BITRATES[table][bitrateIndex],
                SAMPLE_RATES[versionBits][rateIndex], channels);
    }
}
