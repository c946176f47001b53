package org.openstreamer.connector.demux.ts;

/**
 * Reads and shifts the clocks of one 188-byte TS packet in place: the PCR of its adaptation field,
 * and the PTS and DTS of a PES header that starts in it. Values are 90 kHz, written modulo 2^33
 * as the stream carries them. For sources that replay a recording (a looped file), whose clocks
 * must go on from round to round.
 */
public final class TsClocks {

    public static final long WRAP = 1L << 33;
    public static final int NO_PCR = -1;

    private TsClocks() {
    }

    /** The PCR base (90 kHz) of the packet at {@code p}, or {@link #NO_PCR}. */
    public static long pcr(byte[] b, int p) {
        int at = pcrAt(b, p);
        return at < 0 ? NO_PCR : ((b[at] & 0xFFL) << 25) | ((b[at + 1] & 0xFFL) << 17) | ((b[at + 2] & 0xFFL) << 9)
                | ((b[at + 3] & 0xFFL) << 1) | ((b[at + 4] & 0x80L) >>> 7);
    }

    /** Adds {@code offset} (90 kHz) to the packet's PCR, PTS and DTS. */
    public static void shift(byte[] b, int p, long offset) {
        if (offset == 0) {
            return;
        }
        int at = pcrAt(b, p);
        if (at >= 0) {
            long v = (pcr(b, p) + offset) % WRAP;
            b[at] = (byte) (v >>> 25);
            b[at + 1] = (byte) (v >>> 17);
            b[at + 2] = (byte) (v >>> 9);
            b[at + 3] = (byte) (v >>> 1);
            b[at + 4] = (byte) ((b[at + 4] & 0x7F) | ((v & 1) << 7));
        }
        int pes = pesAt(b, p);
        if (pes < 0) {
            return;
        }
        int flags = (b[pes + 7] & 0xC0) >>> 6;
        if (flags >= 2) {
            shiftTimestamp(b, pes + 9, offset);
        }
        if (flags == 3) {
            shiftTimestamp(b, pes + 14, offset);
        }
    }

    private static int pcrAt(byte[] b, int p) {
        if ((b[p + 3] & 0x20) == 0 || (b[p + 4] & 0xFF) < 7 || (b[p + 5] & 0x10) == 0) {
            return -1;
        }
        return p + 6;
    }

    /** Where a PES header with PTS room starts in the packet's payload, or -1. */
    private static int pesAt(byte[] b, int p) {
        if ((b[p + 1] & 0x40) == 0 || (b[p + 3] & 0x10) == 0) {
            return -1;
        }
        int payload = p + 4 + ((b[p + 3] & 0x20) != 0 ? 1 + (b[p + 4] & 0xFF) : 0);
        if (payload + 19 > p + 188 || b[payload] != 0 || b[payload + 1] != 0 || b[payload + 2] != 1) {
            return -1;
        }
        int streamId = b[payload + 3] & 0xFF;
        boolean hasHeader = streamId != 0xBC && streamId != 0xBE && streamId != 0xBF && streamId != 0xF0
                && streamId != 0xF1 && streamId != 0xFF && streamId != 0xF2 && streamId != 0xF8;
        return hasHeader && (b[payload + 6] & 0xC0) == 0x80 ? payload : -1;
    }

    private static void shiftTimestamp(byte[] b, int at, long offset) {
        long v = ((b[at] & 0x0EL) << 29) | ((b[at + 1] & 0xFFL) << 22) | ((b[at + 2] & 0xFEL) << 14)
                | ((b[at + 3] & 0xFFL) << 7) | ((b[at + 4] & 0xFEL) >>> 1);
        v = (v + offset) % WRAP;
        b[at] = (byte) ((b[at] & 0xF1) | ((v >>> 29) & 0x0E));
        b[at + 1] = (byte) (v >>> 22);
        b[at + 2] = (byte) (((v >>> 14) & 0xFE) | 1);
        b[at + 3] = (byte) (v >>> 7);
        b[at + 4] = (byte) (((v << 1) & 0xFE) | 1);
    }
}
