package org.openstreamer.connector.mux.ts;

import java.util.Arrays;

/**
 * One access unit's elementary stream bytes, staged after room for the PES header so that header
 * and payload go out as one run. Reused for every access unit; it grows only for a larger unit
 * than any before, so steady state allocates nothing.
 */
final class EsBuffer {

    /** Where the payload starts: room for the longest PES header in front. */
    static final int START = PesHeader.MAX;

    private byte[] a = new byte[64 * 1024];
    private int end = START;

    void reset() {
        end = START;
    }

    byte[] array() {
        return a;
    }

    /** Payload bytes staged so far. */
    int length() {
        return end - START;
    }

    /** Reserves {@code n} bytes and returns where they start. */
    int reserve(int n) {
        if (end + n > a.length) {
            a = Arrays.copyOf(a, Math.max(a.length * 2, end + n));
        }
        int p = end;
        end += n;
        return p;
    }

    void put(byte[] src, int off, int len) {
        int p = reserve(len); // first: it may replace the array
        System.arraycopy(src, off, a, p, len);
    }

    void startCode() {
        int p = reserve(4);
        a[p] = 0;
        a[p + 1] = 0;
        a[p + 2] = 0;
        a[p + 3] = 1;
    }
}
