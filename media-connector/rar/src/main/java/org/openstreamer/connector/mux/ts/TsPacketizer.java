package org.openstreamer.connector.mux.ts;

import java.util.Arrays;

/**
 * Cuts the PES packets of one PID into TS packets (ISO/IEC 13818-1 2.4.3.2, 2.4.3.4): continuity
 * counter, PCR and random_access_indicator in the adaptation field of the first packet, and
 * adaptation-field stuffing in the last one so that every packet is 188 bytes.
 */
final class TsPacketizer {

    /** A {@code pcr} argument meaning no PCR in this PES. */
    static final long NO_PCR = -1;
    private static final int PAYLOAD = PacketOut.SIZE - 4;
    private static final int FLAG_RANDOM_ACCESS = 0x40;
    private static final int FLAG_PCR = 0x10;

    private final int pid;
    private int counter;

    TsPacketizer(int pid) {
        this.pid = pid;
    }

    /**
     * Writes the PES {@code pes[off .. off+len)}.
     *
     * @param pcr          the 33-bit PCR base for the first packet, or {@link #NO_PCR}
     * @param randomAccess the PES starts a keyframe: random_access_indicator in the first packet
     */
    void writePes(PacketOut out, byte[] pes, int off, int len, long pcr, boolean randomAccess) {
        boolean first = true;
        while (len > 0) {
            byte[] a = out.buffer();
            int p = out.next();
            boolean flags = first && (pcr != NO_PCR || randomAccess);
            int fieldBytes = flags ? 2 + (pcr != NO_PCR ? 6 : 0) : 0; // length byte, flags, PCR
            int n = Math.min(len, PAYLOAD - fieldBytes);
            if (n < PAYLOAD - fieldBytes) {
                fieldBytes = PAYLOAD - n; // the last packet: stuff the adaptation field
            }
            header(a, p, first, fieldBytes > 0);
            if (fieldBytes > 0) {
                int q = p + 4;
                a[q] = (byte) (fieldBytes - 1); // adaptation_field_length
                if (fieldBytes > 1) {
                    int f = 0;
                    int w = q + 2;
                    if (flags && pcr != NO_PCR) {
                        f |= FLAG_PCR;
                        writePcr(a, w, pcr);
                        w += 6;
                    }
                    if (flags && randomAccess) {
                        f |= FLAG_RANDOM_ACCESS;
                    }
                    a[q + 1] = (byte) f;
                    Arrays.fill(a, w, q + fieldBytes, (byte) 0xFF);
                }
            }
            System.arraycopy(pes, off, a, p + 4 + fieldBytes, n);
            off += n;
            len -= n;
            first = false;
        }
    }

    /** A packet with only an adaptation field carrying {@code pcr}; the counter stays (no payload). */
    void writePcrOnly(PacketOut out, long pcr) {
        byte[] a = out.buffer();
        int p = out.next();
        a[p] = 0x47;
        a[p + 1] = (byte) (pid >> 8);
        a[p + 2] = (byte) pid;
        a[p + 3] = (byte) (0x20 | counter); // adaptation field only: the counter does not advance
        a[p + 4] = (byte) (PacketOut.SIZE - 5);
        a[p + 5] = FLAG_PCR;
        writePcr(a, p + 6, pcr);
        Arrays.fill(a, p + 12, p + PacketOut.SIZE, (byte) 0xFF);
    }

    private void header(byte[] a, int p, boolean unitStart, boolean adaptation) {
        a[p] = 0x47;
        a[p + 1] = (byte) ((unitStart ? 0x40 : 0) | (pid >> 8));
        a[p + 2] = (byte) pid;
        a[p + 3] = (byte) ((adaptation ? 0x30 : 0x10) | counter);
        counter = (counter + 1) & 0x0F;
    }

    /** program_clock_reference_base (33 bits), 6 reserved bits, extension 0. */
    private static void writePcr(byte[] a, int w, long base) {
        a[w] = (byte) (base >> 25);
        a[w + 1] = (byte) (base >> 17);
        a[w + 2] = (byte) (base >> 9);
        a[w + 3] = (byte) (base >> 1);
        a[w + 4] = (byte) (((base & 1) << 7) | 0x7E);
        a[w + 5] = 0;
    }
}
