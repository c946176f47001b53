package org.openstreamer.connector.demux.nal;

import java.io.ByteArrayOutputStream;

/** Writes RBSP bits for tests: fixed fields, Exp-Golomb codes, trailing bits, then escaping. */
public final class BitWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int current;
    private int count;

    public BitWriter bits(long value, int n) {
        for (int i = n - 1; i >= 0; i--) {
            current = (current << 1) | (int) ((value >> i) & 1);
            if (++count == 8) {
                out.write(current);
                current = 0;
                count = 0;
            }
        }
        return this;
    }

    public BitWriter flag(boolean b) {
        return bits(b ? 1 : 0, 1);
    }

    public BitWriter ue(long v) {
        long code = v + 1;
        int len = 64 - Long.numberOfLeadingZeros(code);
        bits(0, len - 1);
        return bits(code, len);
    }

    public BitWriter se(long v) {
        return ue(v > 0 ? 2 * v - 1 : -2 * v);
    }

    /** rbsp_trailing_bits, then the bytes. */
    public byte[] rbsp() {
        bits(1, 1);
        while (count != 0) {
            bits(0, 1);
        }
        return out.toByteArray();
    }

    /** Inserts emulation_prevention_three_byte where 00 00 is followed by 00..03 (H.264 7.4.1). */
    public static byte[] escape(byte[] rbsp) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int zeros = 0;
        for (byte b : rbsp) {
            if (zeros >= 2 && (b & 0xFF) <= 3) {
                o.write(3);
                zeros = 0;
            }
            o.write(b);
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return o.toByteArray();
    }

    /** A NAL unit: header bytes, then the escaped RBSP. */
    public static byte[] nal(byte[] header, byte[] rbsp) {
        byte[] escaped = escape(rbsp);
        byte[] nal = new byte[header.length + escaped.length];
        System.arraycopy(header, 0, nal, 0, header.length);
        System.arraycopy(escaped, 0, nal, header.length, escaped.length);
        return nal;
    }
}
