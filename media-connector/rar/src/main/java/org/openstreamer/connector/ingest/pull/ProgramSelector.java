package org.openstreamer.connector.ingest.pull;

import org.openstreamer.connector.demux.ts.TsPackets;
import org.openstreamer.connector.mux.ts.ProgramSubset;

import java.io.IOException;
import java.util.Arrays;
import java.util.StringJoiner;

/**
 * Takes one program out of a multi-program transport stream (the input options {@code program=}
 * and {@code pids=}), before the demuxer sees it: the PAT is rewritten to name that program only,
 * its PMT to list only the kept elementary streams, and packets of every other PID are dropped
 * (DVB service tables below PID 0x20 pass). Until the program's PAT entry and PMT have been seen
 * nothing passes. Works in place on whole 188-byte packets; allocates only when the tables change.
 */
public final class ProgramSelector {

    private static final int SIZE = TsPackets.SIZE;

    private final int program;
    private final int[] pids;
    /** The last PAT and PMT packets of the program, as {@link ProgramSubset#of} takes them. */
    private final byte[] tables = new byte[2 * SIZE];
    private int pmtPid = -1;
    private boolean pmtSeen;
    private ProgramSubset subset;

    /**
     * @param program the program_number to take, or 0 for the first one the PAT lists
     * @param pids    the elementary PIDs to keep, or null for all of the program's
     */
    public ProgramSelector(int program, int[] pids) {
        this.program = program;
        this.pids = pids == null ? null : pids.clone();
    }

    /**
     * Filters the whole packets in {@code buf[off .. off+len)} (len a multiple of 188, each
     * starting with the sync byte), moving the kept ones to the front.
     *
     * @return the length of what is kept, from {@code off}
     * @throws IOException the PAT does not list the program, no PID asked for is in it, or its PMT
     *                     does not fit one packet: the source cannot give what is asked
     */
    public int filter(byte[] buf, int off, int len) throws IOException {
        int w = off;
        for (int r = off; r < off + len; r += SIZE) {
            int pid = TsPackets.pid(buf, r);
            boolean keep;
            if (pid == TsPackets.PAT_PID) {
                keep = pat(buf, r, w);
            } else if (pid == pmtPid) {
                keep = pmt(buf, r, w);
            } else if (subset == null) {
                keep = false;
            } else {
                byte action = subset.action(pid);
                if (action == ProgramSubset.KEEP) {
                    if (w != r) {
                        System.arraycopy(buf, r, buf, w, SIZE);
                    }
                    keep = true;
                } else {
                    keep = action == ProgramSubset.PCR_ONLY && subset.replace(action, buf, r, buf, w);
                }
            }
            if (keep) {
                w += SIZE;
            }
        }
        return w - off;
    }

    /** A PAT packet at {@code r}: notes the program's PMT PID, writes the one-program PAT at {@code w}. */
    private boolean pat(byte[] buf, int r, int w) throws IOException {
        int s = TsPackets.sectionStart(buf, r);
        if (s < 0 || TsPackets.tableId(buf, s) != 0x00) {
            return false; // a continuation, or damage: the next PAT will do
        }
        int end = Math.min(TsPackets.sectionEnd(buf, s), r + SIZE) - 4;
        int found = -1;
        int foundProgram = -1;
        StringJoiner listed = new StringJoiner(", ");
        for (int p = s + 8; p + 4 <= end; p += 4) {
            int number = ((buf[p] & 0xFF) << 8) | (buf[p + 1] & 0xFF);
            if (number == 0) {
                continue; // the network PID
            }
            listed.add(Integer.toString(number));
            if (found < 0 && (program == 0 || number == program)) {
                found = ((buf[p + 2] & 0x1F) << 8) | (buf[p + 3] & 0xFF);
                foundProgram = number;
            }
        }
        if (found < 0) {
            throw new IOException(program == 0 ? "the stream's PAT lists no program"
                    : "program " + program + " is not in the stream (its PAT lists " + listed + ")");
        }
        if (found != pmtPid) {
            pmtPid = found;
            pmtSeen = false;
            subset = null;
        }
        if (subset == null || !sameSection(buf, r, tables, 0)) {
            System.arraycopy(buf, r, tables, 0, SIZE);
            rebuild(foundProgram);
        }
        return subset != null && subset.replace(ProgramSubset.PAT, buf, r, buf, w);
    }

    /** A packet on the program's PMT PID at {@code r}: writes the reduced PMT at {@code w}. */
    private boolean pmt(byte[] buf, int r, int w) throws IOException {
        int s = TsPackets.sectionStart(buf, r);
        if (s < 0 || TsPackets.tableId(buf, s) != 0x02) {
            return false;
        }
        int number = TsPackets.tableIdExtension(buf, s);
        if (program != 0 && number != program) {
            return false; // another program's PMT on the same PID
        }
        if (!pmtSeen || !sameSection(buf, r, tables, SIZE)) {
            System.arraycopy(buf, r, tables, SIZE, SIZE);
            pmtSeen = true;
            rebuild(number);
        }
        return subset != null && subset.replace(ProgramSubset.PMT, buf, r, buf, w);
    }

    private void rebuild(int number) throws IOException {
        if (!pmtSeen || TsPackets.sectionStart(tables, 0) < 0) {
            subset = null;
            return;
        }
        int s = TsPackets.sectionStart(tables, SIZE);
        if (TsPackets.sectionEnd(tables, s) > 2 * SIZE) {
            throw new IOException("the PMT of program " + number + " does not fit one TS packet");
        }
        int[] kept = pids != null ? pids : streamPids(s);
        subset = ProgramSubset.of(tables, kept);
        if (subset == null) {
            throw new IOException("the PMT of program " + number + " cannot be read");
        }
        if (pids != null && Arrays.stream(streamPids(s)).noneMatch(p -> Arrays.stream(pids).anyMatch(k -> k == p))) {
            throw new IOException("none of the PIDs " + Arrays.toString(pids) + " is in program " + number
                    + " (it has " + Arrays.toString(streamPids(s)) + ")");
        }
    }

    /** The elementary PIDs the PMT at {@code tables[s]} lists. */
    private int[] streamPids(int s) {
        int end = TsPackets.sectionEnd(tables, s) - 4;
        int[] out = new int[(end - s) / 5 + 1];
        int n = 0;
        for (int p = TsPackets.pmtFirstStream(tables, s); p + 5 <= end; p = TsPackets.streamEnd(tables, p)) {
            out[n++] = TsPackets.streamPid(tables, p);
        }
        return Arrays.copyOf(out, n);
    }

    /** Whether the sections starting in the packets at {@code a[p]} and {@code b[q]} are the same bytes. */
    private static boolean sameSection(byte[] a, int p, byte[] b, int q) {
        int s = TsPackets.sectionStart(a, p);
        int t = TsPackets.sectionStart(b, q);
        if (s < 0 || t < 0 || s - p != t - q) {
            return false;
        }
        int end = Math.min(TsPackets.sectionEnd(a, s), p + SIZE);
        return Arrays.equals(a, s, end, b, t, t + (end - s));
    }
}
