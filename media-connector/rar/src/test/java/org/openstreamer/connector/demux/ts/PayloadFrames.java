package org.openstreamer.connector.demux.ts;

import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;

/**
 * Framing for the assembler fuzzers: each packet payload as one control byte (bit 7 the
 * payload_unit_start flag, bits 0-6 the length in units of two bytes, capped at 184) and its bytes,
 * so any byte string is a valid sequence of payloads and the mutator can change the cuts too.
 */
final class PayloadFrames {

    record Payload(byte[] buf, int from, int to, boolean unitStart) {
    }

    private PayloadFrames() {
    }

    static void split(byte[] input, Consumer<Payload> each) {
        int p = 0;
        while (p < input.length) {
            int ctrl = input[p++] & 0xFF;
            int len = Math.min(Math.min((ctrl & 0x7F) * 2, 184), input.length - p);
            each.accept(new Payload(input, p, p + len, (ctrl & 0x80) != 0));
            p += len;
        }
    }

    /** The payloads a muxer would cut from {@code unit}, framed; {@code psi} adds the pointer_field. */
    static byte[] frame(byte[] unit, boolean psi) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] u = unit;
        if (psi) {
            u = new byte[unit.length + 1];
            System.arraycopy(unit, 0, u, 1, unit.length);
        }
        int off = 0;
        boolean first = true;
        while (off < u.length) {
            int n = Math.min(u.length - off, 126);
            out.write((first ? 0x80 : 0) | (n / 2 + n % 2));
            out.write(u, off, n);
            if (n % 2 == 1) {
                out.write(0xFF);
            }
            off += n;
            first = false;
        }
        return out.toByteArray();
    }
}
