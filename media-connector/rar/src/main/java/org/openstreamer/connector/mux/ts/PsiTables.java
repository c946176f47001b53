package org.openstreamer.connector.mux.ts;

import org.openstreamer.connector.demux.ts.Crc32Mpeg2;

import java.util.Arrays;
import java.util.List;

/**
 * The PAT and PMT of the one program the muxer writes (ISO/IEC 13818-1 2.4.4.3 and 2.4.4.8), built
 * once as whole packets; {@link #write} copies them out with their continuity counters.
 */
final class PsiTables {

    static final int PAT_PID = 0;
    static final int PROGRAM = 1;
    private static final int TRANSPORT_STREAM_ID = 1;

    private final byte[] pat = new byte[PacketOut.SIZE];
    private final byte[] pmt = new byte[PacketOut.SIZE];
    private int patCounter;
    private int pmtCounter;

    PsiTables(int pmtPid, int pcrPid, List<MuxTrack> tracks, int version) {
        if (tracks.size() > 30) {
            throw new IllegalArgumentException("at most 30 tracks fit one PMT packet: " + tracks.size());
        }
        byte[] s = new byte[PacketOut.SIZE];
        s[0] = 0x00; // table_id: program_association_section
        put16(s, 3, TRANSPORT_STREAM_ID);
        put16(s, 8, PROGRAM);
        put16(s, 10, 0xE000 | pmtPid);
        packet(pat, PAT_PID, s, finish(s, 12, version));

        Arrays.fill(s, (byte) 0);
        s[0] = 0x02; // table_id: TS_program_map_section
        put16(s, 3, PROGRAM);
        put16(s, 8, 0xE000 | pcrPid);
        put16(s, 10, 0xF000); // no program descriptors
        int e = 12;
        for (MuxTrack t : tracks) {
            s[e] = (byte) t.codec().streamType;
            put16(s, e + 1, 0xE000 | t.pid());
            put16(s, e + 3, 0xF000); // no ES descriptors
            e += 5;
        }
        packet(pmt, pmtPid, s, finish(s, e, version));
    }

    /** The PAT then the PMT, as two packets of {@code out}. */
    void write(PacketOut out) {
        int p = out.next();
        System.arraycopy(pat, 0, out.buffer(), p, PacketOut.SIZE);
        out.buffer()[p + 3] = (byte) (0x10 | patCounter);
        patCounter = (patCounter + 1) & 0x0F;
        p = out.next();
        System.arraycopy(pmt, 0, out.buffer(), p, PacketOut.SIZE);
        out.buffer()[p + 3] = (byte) (0x10 | pmtCounter);
        pmtCounter = (pmtCounter + 1) & 0x0F;
    }

    /** Fills section_length, version and CRC_32 of a section whose body ends at {@code end}; returns its length. */
    private static int finish(byte[] s, int end, int version) {
        put16(s, 1, 0xB000 | (end + 4 - 3)); // section_syntax_indicator, '0', reserved
        s[5] = (byte) (0xC1 | ((version & 0x1F) << 1)); // reserved, version, current_next_indicator
        s[6] = 0; // section_number
        s[7] = 0; // last_section_number
        int crc = Crc32Mpeg2.compute(s, 0, end);
        s[end] = (byte) (crc >>> 24);
        s[end + 1] = (byte) (crc >>> 16);
        s[end + 2] = (byte) (crc >>> 8);
        s[end + 3] = (byte) crc;
        return end + 4;
    }

    private static void packet(byte[] p, int pid, byte[] section, int length) {
        Arrays.fill(p, (byte) 0xFF);
        p[0] = 0x47;
        p[1] = (byte) (0x40 | (pid >> 8)); // payload_unit_start
        p[2] = (byte) pid;
        p[3] = 0x10; // payload only; counter set on write
        p[4] = 0; // pointer_field
        System.arraycopy(section, 0, p, 5, length);
    }

    private static void put16(byte[] a, int off, int v) {
        a[off] = (byte) (v >> 8);
        a[off + 1] = (byte) v;
    }
}
