package org.openstreamer.connector.mux.ts;

/**
 * ADTS headers (ISO/IEC 14496-3 1.A.2.2) for raw AAC frames, from the stream's AudioSpecificConfig
 * (ISO/IEC 14496-3 1.6.2.1): audio object type, sampling frequency index and channel configuration.
 * HE-AAC configurations (SBR, PS) describe the core AAC stream, which is what ADTS signals.
 */
final class AdtsWriter {

    static final int HEADER = 7;
    private static final int MAX_FRAME = 0x1FFF;
    private static final int AOT_SBR = 5;
    private static final int AOT_PS = 29;

    private final int profile;
    private final int rateIndex;
    private final int channelConfig;

    private AdtsWriter(int objectType, int rateIndex, int channelConfig) {
        this.profile = objectType - 1;
        this.rateIndex = rateIndex;
        this.channelConfig = channelConfig;
    }

    /** Parses an AudioSpecificConfig; throws {@link IllegalArgumentException} if ADTS cannot express it. */
    static AdtsWriter of(byte[] asc) {
        if (asc == null || asc.length < 2) {
            throw new IllegalArgumentException("AudioSpecificConfig too short");
        }
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (i < asc.length ? asc[i] & 0xFF : 0);
        }
        int pos = 0;
        int aot = (int) (bits >>> (59 - pos)) & 0x1F;
        pos += 5;
        if (aot == 31) {
            aot = 32 + ((int) (bits >>> (58 - pos)) & 0x3F);
            pos += 6;
        }
        int rateIndex = (int) (bits >>> (60 - pos)) & 0x0F;
        pos += 4;
        if (rateIndex == 15) {
            throw new IllegalArgumentException("AudioSpecificConfig with an explicit sampling frequency has no ADTS form");
        }
        int channels = (int) (bits >>> (60 - pos)) & 0x0F;
        pos += 4;
        if (aot == AOT_SBR || aot == AOT_PS) {
            pos += 4; // extensionSamplingFrequencyIndex (assumed not escaped)
            aot = (int) (bits >>> (59 - pos)) & 0x1F; // the core object type
        }
        if (aot < 1 || aot > 4) {
            throw new IllegalArgumentException("audio object type " + aot + " has no ADTS profile");
        }
        if (channels > 7) {
            throw new IllegalArgumentException("channel configuration " + channels + " has no ADTS form");
        }
        return new AdtsWriter(aot, rateIndex, channels);
    }

    /** The largest raw frame an ADTS header can frame. */
    static int maxRaw() {
        return MAX_FRAME - HEADER;
    }

    /** Writes the header of a frame with {@code rawLength} payload bytes at {@code a[w]}. */
    void write(byte[] a, int w, int rawLength) {
        int frame = rawLength + HEADER;
        a[w] = (byte) 0xFF;
        a[w + 1] = (byte) 0xF1; // syncword, MPEG-4, layer 0, no CRC
        a[w + 2] = (byte) ((profile << 6) | (rateIndex << 2) | (channelConfig >> 2));
        a[w + 3] = (byte) (((channelConfig & 3) << 6) | (frame >> 11));
        a[w + 4] = (byte) (frame >> 3);
        a[w + 5] = (byte) (((frame & 7) << 5) | 0x1F); // buffer fullness 0x7FF: variable rate
        a[w + 6] = (byte) 0xFC; // one raw data block
    }
}
