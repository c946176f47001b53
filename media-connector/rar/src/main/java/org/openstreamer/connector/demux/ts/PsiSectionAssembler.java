package org.openstreamer.connector.demux.ts;

/**
 * Rebuilds the PSI sections of one PID from TS packet payloads (ISO/IEC 13818-1 2.4.4): the
 * pointer_field, sections spanning packets, several sections in one packet, 0xFF stuffing.
 * Complete sections whose CRC_32 checks out go to the {@link Sink}; the rest are counted.
 * <p>
 * States: idle (between sections, or discarding after an error until the next
 * payload_unit_start) and collecting. The buffer is fixed at the 1024-byte section limit of
 * PAT and PMT, so an over-long section_length is refused before a byte of it is stored.
 */
final class PsiSectionAssembler {

    /** Receives intact sections; {@code section} is reused after the call returns. */
    interface Sink {
        void section(byte[] section, int length);
    }

    static final int MAX_SECTION_LENGTH = 1021; // section_length limit of PAT and PMT
    private static final int HEADER = 3;

    private final Sink sink;
    private final DemuxCounters counters;
    private final byte[] buf = new byte[HEADER + MAX_SECTION_LENGTH];
    private boolean collecting;
    private int length;
    private int need;

    PsiSectionAssembler(Sink sink, DemuxCounters counters) {
        this.sink = sink;
        this.counters = counters;
    }

    /** Forgets a partial section (a continuity error or a PID change). */
    void reset() {
        collecting = false;
    }

    /** One packet's payload, {@code a[from .. to)}. */
    void payload(byte[] a, int from, int to, boolean unitStart) {
        if (from >= to) {
            return;
        }
        if (!unitStart) {
            if (collecting) {
                append(a, from, to);
            }
            return;
        }
        int pointer = a[from] & 0xFF;
        int p = from + 1;
        if (p + pointer > to) {
            counters.psiErrors++;
            collecting = false;
            return;
        }
        if (collecting) {
            append(a, p, p + pointer);
            if (collecting) { // the previous section ended before its section_length said
                counters.psiErrors++;
                collecting = false;
            }
        }
        p += pointer;
        while (p < to && a[p] != (byte) 0xFF) {
            collecting = true;
            length = 0;
            need = HEADER;
            p = append(a, p, to);
            if (collecting) {
                break; // continues in the next packet
            }
        }
    }

    /** Appends up to the end of the current section; returns the position after the bytes taken. */
    private int append(byte[] a, int from, int to) {
        int p = from;
        while (collecting && p < to) {
            int n = Math.min(need - length, to - p);
            System.arraycopy(a, p, buf, length, n);
            length += n;
            p += n;
            if (length < need) {
                break;
            }
            if (need == HEADER) {
                int sectionLength = ((buf[1] & 0x0F) << 8) | (buf[2] & 0xFF);
                if (sectionLength > MAX_SECTION_LENGTH || sectionLength < 5 + 4 || (buf[1] & 0x80) == 0) {
                    counters.psiErrors++;
                    collecting = false;
                    return to;
                }
                need = HEADER + sectionLength;
            } else {
                collecting = false;
                if (Crc32Mpeg2.compute(buf, 0, length) != 0) {
                    counters.badCrcSections++;
                } else {
                    sink.section(buf, length);
                }
            }
        }
        return p;
    }
}
