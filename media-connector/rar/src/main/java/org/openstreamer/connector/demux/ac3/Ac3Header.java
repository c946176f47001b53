package org.openstreamer.connector.demux.ac3;

/**
 * The sync information and the start of the bit stream information of an AC-3 frame
 * (ATSC A/52, 5.3.1 and 5.3.2): enough to know rate, bitrate and channel layout. 8 bytes.
 *
 * @param sampleRate Hz
 * @param bitrate    kbit/s
 * @param channels   full-bandwidth channels of acmod plus the LFE channel when present
 * @param lfe        low-frequency effects channel on
 */
public record Ac3Header(int sampleRate, int bitrate, int channels, boolean lfe) {

    public static final int LENGTH = 8;

    private static final int[] SAMPLE_RATES = {48000, 44100, 32000};
    private static final int[] BITRATES = {
        32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 448, 512, 576, 640
    };
    private static final int[] ACMOD_CHANNELS = {2, 1, 2, 3, 3, 4, 4, 5};

    public static boolean isSync(int b0, int b1) {
        return (b0 & 0xFF) == 0x0B && (b1 & 0xFF) == 0x77;
    }

    /** @return the header at {@code b[off]}, or null when it is not an AC-3 (bsid &le; 8) header */
    public static Ac3Header parse(byte[] b, int off, int len) {
        if (len < LENGTH || !isSync(b[off], b[off + 1])) {
            return null;
        }
        int fscod = (b[off + 4] >> 6) & 3;
        int frmsizecod = b[off + 4] & 0x3F;
        int bsid = (b[off + 5] >> 3) & 0x1F;
        if (fscod == 3 || frmsizecod >= 2 * BITRATES.length || bsid > 8) {
            return null;
        }
        int bits = ((b[off + 6] & 0xFF) << 8) | (b[off + 7] & 0xFF);
        int acmod = bits >> 13;
        int pos = 13; // bits left after acmod
        if ((acmod & 1) != 0 && acmod != 1) {
            pos -= 2; // cmixlev
        }
        if ((acmod & 4) != 0) {
            pos -= 2; // surmixlev
        }
        if (acmod == 2) {
            pos -= 2; // dsurmod
        }
        boolean lfe = ((bits >> (pos - 1)) & 1) == 1;
        int channels = ACMOD_CHANNELS[acmod] + (lfe ? 1 : 0);
        return new Ac3Header(SAMPLE_RATES[fscod], BITRATES[frmsizecod >> 1], channels, lfe);
    }
}
