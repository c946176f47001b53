package org.openstreamer.connector.mux.ts;

import org.openstreamer.connector.demux.ts.Crc32Mpeg2;
import org.openstreamer.connector.demux.ts.TsPackets;

import java.util.Arrays;

/**
 * A program reduced to some of its elementary streams, for segments that carry one variant (a
 * video track and the audio) instead of every track, and pushes of chosen tracks ({@code tracks=v2a1}). Built from the PAT and PMT a segment starts
 * with, it says per PID what happens to a packet, and holds the PAT and PMT that announce only
 * what is kept. When the PCR's PID is not kept, its PCRs travel on in adaptation-only packets:
 * players need the clock, not the other rendition's pictures.
 */
public final class ProgramSubset {

    public static final byte DROP = 0;
    public static final byte KEEP = 1;
    public static final byte PAT = 2;
    public static final byte PMT = 3;
    public static final byte PCR_ONLY = 4;

    private static final int SIZE = TsPackets.SIZE;
    private static final int PID_COUNT = TsPackets.PID_COUNT;
    private static final int NULL_PID = TsPackets.NULL_PID;
    /** PIDs below this carry the PAT and DVB/ATSC service tables, which every variant keeps. */
    private static final int FIRST_ES_PID = 0x20;

    private final byte[] actions;
    private final byte[] pat;
    private final byte[] pmt;

    private ProgramSubset(byte[] actions, byte[] pat, byte[] pmt) {
        this.actions = actions;
        this.pat = pat;
        this.pmt = pmt;
    }

    /**
     * @param tables    a segment's PAT and PMT packets (376 bytes)
     * @param keptPids  the elementary streams to keep
     * @return the subset, or null when the tables are missing or the PMT does not fit one packet
     */
    public static ProgramSubset of(byte[] tables, int[] keptPids) {
        if (tables.length != 2 * SIZE) {
            return null;
        }
        int patAt = TsPackets.sectionStart(tables, 0);
        int pmtAt = TsPackets.sectionStart(tables, SIZE);
        if (patAt < 0 || pmtAt < 0 || TsPackets.tableId(tables, patAt) != 0x00 || TsPackets.tableId(tables, pmtAt) != 0x02) {
            return null;
        }
        int pmtEnd = TsPackets.sectionEnd(tables, pmtAt); // CRC_32 included
        int loopStart = TsPackets.pmtFirstStream(tables, pmtAt);
        if (pmtEnd > 2 * SIZE || loopStart > pmtEnd - 4) {
            return null;
        }
        byte[] actions = new byte[PID_COUNT];
        Arrays.fill(actions, 0, FIRST_ES_PID, KEEP);
        byte[] section = new byte[pmtEnd - pmtAt];
        System.arraycopy(tables, pmtAt, section, 0, loopStart - pmtAt);
        int w = loopStart - pmtAt;
        for (int p = loopStart; p + 5 <= pmtEnd - 4; ) {
            int pid = TsPackets.streamPid(tables, p);
            int next = TsPackets.streamEnd(tables, p);
            if (next > pmtEnd - 4) {
                return null;
            }
            if (contains(keptPids, pid)) {
                System.arraycopy(tables, p, section, w, next - p);
                w += next - p;
                actions[pid] = KEEP;
            }
            p = next;
        }
        int pcrPid = TsPackets.pmtPcrPid(tables, pmtAt);
        if (pcrPid != NULL_PID && actions[pcrPid] != KEEP) {
            actions[pcrPid] = PCR_ONLY;
        }
        int pmtPid = TsPackets.pid(tables, SIZE);
        actions[0] = PAT;
        actions[pmtPid] = PMT;
        actions[NULL_PID] = DROP;

        // A PAT naming only this program: others' PMTs are not carried.
        int program = TsPackets.tableIdExtension(tables, pmtAt);
        byte[] patSection = {0x00, (byte) 0xB0, 13, tables[patAt + 3], tables[patAt + 4], tables[patAt + 5], 0, 0,
                (byte) (program >> 8), (byte) program, (byte) (0xE0 | (pmtPid >> 8)), (byte) pmtPid, 0, 0, 0, 0};
        return new ProgramSubset(actions, packet(0, patSection, patSection.length),
                packet(pmtPid, section, w + 4));
    }

    /** What to do with packets of {@code pid}: {@link #DROP}, {@link #KEEP}, {@link #PAT}, ... */
    public byte action(int pid) {
        return actions[pid];
    }

    /**
     * Writes the replacement of a PAT/PMT packet, or of a packet on a PCR PID that is not kept, to
     * {@code out[outOff .. outOff+188)}, from the packet at {@code in[off]} (which it may overwrite: in place works).
     *
     * @return false when nothing replaces it: a table continuation, or a packet without a PCR
     */
    public boolean replace(byte action, byte[] in, int off, byte[] out, int outOff) {
        if (action == PAT || action == PMT) {
            if (!TsPackets.unitStart(in, off)) {
                return false;
            }
            int counter = TsPackets.counter(in, off); // read first: out may be in, in place
            System.arraycopy(action == PAT ? pat : pmt, 0, out, outOff, SIZE);
            TsPackets.setCounter(out, outOff, counter); // the source's counter keeps the PID continuous
            return true;
        }
        if (!TsPackets.hasPcr(in, off)) {
            return false;
        }
        TsPackets.pcrOnly(in, off, out, outOff);
        return true;
    }

    /** The PAT and PMT a variant segment starts with, in place of a segment's {@code source} tables. */
    public byte[] tables(byte[] source) {
        byte[] out = new byte[2 * SIZE];
        replace(PAT, source, 0, out, 0);
        replace(PMT, source, SIZE, out, SIZE);
        return out;
    }

    /** A one-packet section on {@code pid}: CRC_32 written over {@code section[0 .. length-4)}. */
    private static byte[] packet(int pid, byte[] section, int length) {
        section[1] = (byte) ((section[1] & 0xF0) | ((length - 3) >> 8));
        section[2] = (byte) (length - 3);
        int crc = Crc32Mpeg2.compute(section, 0, length - 4);
        section[length - 4] = (byte) (crc >> 24);
        section[length - 3] = (byte) (crc >> 16);
        section[length - 2] = (byte) (crc >> 8);
        section[length - 1] = (byte) crc;
        return TsPackets.sectionPacket(pid, section, length);
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
