package org.openstreamer.connector.ingest.hls;

import org.openstreamer.connector.demux.ts.Crc32Mpeg2;
import org.openstreamer.connector.demux.ts.TsPackets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * The one program an {@code hls2://} source becomes: every track of the first variant and the video
 * of each other one, variant {@code v}'s tracks on PIDs {@code 0x100 + 16 * v + n}. The server then
 * sees several video tracks in one program, as from an ABR encoder, and its HLS output offers each as
 * a variant of its master playlist. Holds the PAT and PMT packets that announce it.
 */
final class CombinedProgram {

    static final int PMT_PID = 0x1000;
    static final int FIRST_PID = 0x100;
    private static final int SIZE = TsPackets.SIZE;

    private final byte[] pat;
    private final byte[] pmt;
    private int patCounter;
    private int pmtCounter;

    private CombinedProgram(byte[] pat, byte[] pmt) {
        this.pat = pat;
        this.pmt = pmt;
    }

    /** The first PID of variant {@code v}'s tracks. */
    static int firstPid(int v) {
        return FIRST_PID + 16 * v;
    }

    /** The PID of the first variant's clock when it travels apart from its tracks. */
    static int clockPid() {
        return FIRST_PID + VariantPackets.MAX_TRACKS;
    }

    /**
     * The tables of the variants' tracks (each variant has mapped its own PIDs, see {@link VariantPackets}).
     *
     * @param variants the variants with their tracks known, the first one first
     * @throws IOException the PMT would not fit one TS packet (too many tracks)
     */
    static CombinedProgram of(List<VariantPackets> variants) throws IOException {
        VariantPackets first = variants.get(0);
        int pcr = clockPid();
        for (int i = 0; i < first.tracks().size(); i++) {
            if (first.tracks().get(i).pid() == first.pcrPid()) {
                pcr = firstPid(0) + i;
            }
        }
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.write(new byte[] {0x02, 0, 0, 0, 1, (byte) 0xC1, 0, 0, (byte) (0xE0 | pcr >> 8), (byte) pcr, (byte) 0xF0, 0});
        for (VariantPackets v : variants) {
            for (int i = 0; i < v.tracks().size(); i++) {
                VariantPackets.Track t = v.tracks().get(i);
                int pid = firstPid(v.index) + i;
                byte[] d = v.index == 0 ? t.descriptors() : new byte[0];
                s.write(new byte[] {(byte) t.streamType(), (byte) (0xE0 | pid >> 8), (byte) pid,
                        (byte) (0xF0 | d.length >> 8), (byte) d.length});
                s.write(d);
            }
        }
        byte[] pmtSection = section(s.toByteArray());
        if (pmtSection.length > SIZE - 5) {
            throw new IOException("the variants have too many tracks for one program (a PMT of " + pmtSection.length + " bytes)");
        }
        byte[] patSection = section(new byte[] {0x00, 0, 0, 0, 1, (byte) 0xC1, 0, 0, 0, 1,
                (byte) (0xE0 | PMT_PID >> 8), (byte) PMT_PID});
        return new CombinedProgram(TsPackets.sectionPacket(TsPackets.PAT_PID, patSection, patSection.length),
                TsPackets.sectionPacket(PMT_PID, pmtSection, pmtSection.length));
    }

    /** Sets section_length (with the syntax bits) and appends the CRC_32. */
    private static byte[] section(byte[] head) {
        byte[] s = new byte[head.length + 4];
        System.arraycopy(head, 0, s, 0, head.length);
        int length = head.length - 3 + 4;
        s[1] = (byte) (0xB0 | length >> 8);
        s[2] = (byte) length;
        int crc = Crc32Mpeg2.compute(s, 0, head.length);
        s[head.length] = (byte) (crc >>> 24);
        s[head.length + 1] = (byte) (crc >>> 16);
        s[head.length + 2] = (byte) (crc >>> 8);
        s[head.length + 3] = (byte) crc;
        return s;
    }

    /** Writes the PAT and PMT packets at {@code out[off]} (2 × 188 bytes). */
    void writeTables(byte[] out, int off) {
        System.arraycopy(pat, 0, out, off, SIZE);
        TsPackets.setCounter(out, off, patCounter++);
        System.arraycopy(pmt, 0, out, off + SIZE, SIZE);
        TsPackets.setCounter(out, off + SIZE, pmtCounter++);
    }
}
