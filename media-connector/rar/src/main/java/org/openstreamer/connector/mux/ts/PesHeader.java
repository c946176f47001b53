package org.openstreamer.connector.mux.ts;

/** Writes a PES packet header (ISO/IEC 13818-1 2.4.3.6) with PTS, and DTS when it differs. */
final class PesHeader {

    /** The longest header written: 9 fixed bytes, PTS and DTS. */
    static final int MAX = 19;
    static final long MASK_33 = (1L << 33) - 1;

    private PesHeader() {
    }

    /**
     * Writes the header so that it ends at {@code a[end]}, where the payload of {@code payloadLength}
     * bytes already is; returns where it starts. A PES too long for PES_packet_length gets 0
     * (allowed for video only; the caller checks audio).
     */
    static int write(byte[] a, int end, int streamId, long pts, long dts, int payloadLength) {
        boolean withDts = ((pts - dts) & MASK_33) != 0;
        int optional = withDts ? 10 : 5;
        int p = end - 9 - optional;
        a[p] = 0;
        a[p + 1] = 0;
        a[p + 2] = 1;
        a[p + 3] = (byte) streamId;
        int length = 3 + optional + payloadLength;
        if (length > 0xFFFF) {
            length = 0;
        }
        a[p + 4] = (byte) (length >> 8);
        a[p + 5] = (byte) length;
        a[p + 6] = (byte) 0x84; // '10', data_alignment_indicator: an access unit starts here
        a[p + 7] = (byte) (withDts ? 0xC0 : 0x80);
        a[p + 8] = (byte) optional;
        timestamp(a, p + 9, withDts ? 0x3 : 0x2, pts);
        if (withDts) {
            timestamp(a, p + 14, 0x1, dts);
        }
        return p;
    }

    /** A 5-byte PTS or DTS field: 4-bit prefix, 33 bits split 3/15/15 with marker bits. */
    private static void timestamp(byte[] a, int w, int prefix, long t) {
        t &= MASK_33;
        a[w] = (byte) ((prefix << 4) | ((t >> 29) & 0x0E) | 1);
        a[w + 1] = (byte) (t >> 22);
        a[w + 2] = (byte) (((t >> 14) & 0xFE) | 1);
        a[w + 3] = (byte) (t >> 7);
        a[w + 4] = (byte) (((t << 1) & 0xFE) | 1);
    }
}
