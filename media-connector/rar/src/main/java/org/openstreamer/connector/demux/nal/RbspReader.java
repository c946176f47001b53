package org.openstreamer.connector.demux.nal;

/**
 * Reads the bits of one NAL unit's payload (RBSP): emulation-prevention bytes ({@code 00 00 03})
 * are removed on load, then fixed-width fields and Exp-Golomb codes are read MSB first.
 * <p>
 * Reading past the end never throws: it yields zeros and sets {@link #overrun()}, which parsers
 * check once at the end (bad input is a value, not an exception). Not for the per-packet path:
 * parameter sets are parsed only when their bytes change.
 */
public final class RbspReader {

    private final byte[] rbsp;
    private final int length;
    private int bitPos;
    private boolean overrun;

    /** Loads {@code nal[off .. off+len)}, which should start after the NAL unit header. */
    public RbspReader(byte[] nal, int off, int len) {
        rbsp = new byte[len];
        int n = 0;
        int zeros = 0;
        for (int i = off; i < off + len; i++) {
            byte b = nal[i];
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            zeros = b == 0 ? zeros + 1 : 0;
            rbsp[n++] = b;
        }
        length = n;
    }

    /** Payload length in bytes after emulation-prevention removal. */
    public int length() {
        return length;
    }

    /** True once a read went past the end of the data. */
    public boolean overrun() {
        return overrun;
    }

    public int bitsLeft() {
        return Math.max(0, length * 8 - bitPos);
    }

    /** Reads {@code n} bits, 0..32, as an unsigned value (n = 32 returns the raw int). */
    public int bits(int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 1) | bit();
        }
        return v;
    }

    public boolean flag() {
        return bit() == 1;
    }

    public void skip(int n) {
        bitPos += n;
        if (bitPos > length * 8) {
            bitPos = length * 8;
            overrun = true;
        }
    }

    /** Unsigned Exp-Golomb ue(v); codes longer than 31 leading zeros set {@link #overrun()}. */
    public int ue() {
        int zeros = 0;
        while (bit() == 0) {
            if (overrun || ++zeros > 31) {
                overrun = true;
                return 0;
            }
        }
        long v = (1L << zeros) - 1 + (zeros == 0 ? 0 : (bits(zeros) & 0xFFFFFFFFL));
        if (v > Integer.MAX_VALUE) {
            overrun = true;
            return 0;
        }
        return (int) v;
    }

    /** Signed Exp-Golomb se(v). */
    public int se() {
        int k = ue();
        return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
    }

    private int bit() {
        if (bitPos >= length * 8) {
            overrun = true;
            return 0;
        }
        int b = (rbsp[bitPos >> 3] >> (7 - (bitPos & 7))) & 1;
        bitPos++;
        return b;
    }
}
