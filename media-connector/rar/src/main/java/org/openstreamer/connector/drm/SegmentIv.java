package org.openstreamer.connector.drm;

/**
 * The IV of a segment: its UTC start in milliseconds as a 128-bit big-endian number. The start is
 * in the segment's name, so a live playlist, an archive playlist and the archive's encryption of
 * the same segment all agree on it without sharing a media sequence number (live and archive
 * number segments differently).
 */
public final class SegmentIv {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private SegmentIv() {
    }

    public static byte[] of(long startMillis) {
        byte[] iv = new byte[16];
        for (int i = 0; i < 8; i++) {
            iv[15 - i] = (byte) (startMillis >>> (8 * i));
        }
        return iv;
    }

    /** {@code 0x} and 32 hex digits, as {@code EXT-X-KEY}'s IV attribute carries it. */
    public static String attribute(long startMillis) {
        byte[] iv = of(startMillis);
        char[] out = new char[34];
        out[0] = '0';
        out[1] = 'x';
        for (int i = 0; i < 16; i++) {
            out[2 + 2 * i] = HEX[(iv[i] >> 4) & 0xf];
            out[3 + 2 * i] = HEX[iv[i] & 0xf];
        }
        return new String(out);
    }
}
