package org.openstreamer.connector.buffer;

/**
 * Where the continuity counters of the PAT and PMT PIDs stand at a given packet of the store, so
 * that the tables prefixed to a new live reader carry the counters that precede the stream's next
 * table packets: a player then sees no continuity jump on those PIDs at the start of a session.
 * Keeps the store index and counter of the latest table packets of each PID (a ring of
 * {@value #KEPT}, a few seconds at the usual 100 ms repetition). Ingest thread only.
 */
final class TableContinuity {

    static final int PAT = 0;
    static final int PMT = 1;
    /** No counter known: the caller leaves the prefixed packet as it is. */
    static final int UNKNOWN = -1;

    private static final int KEPT = 64;

    private final long[][] index = new long[2][KEPT];
    private final byte[][] counter = new byte[2][KEPT];
    private final int[] count = new int[2];
    private int pmtPid = -1;

    /** The PMT is now on {@code pid} (from the tables the demuxer hands over); its history starts again if it moved. */
    void pmtPid(int pid) {
        if (pid != pmtPid) {
            pmtPid = pid;
            count[PMT] = 0;
        }
    }

    /** Packet {@code storeIndex}, at {@code buf[off]} on {@code pid}, was stored. On the hot path: two compares for media. */
    void packet(long storeIndex, byte[] buf, int off, int pid) {
        int table = pid == 0 ? PAT : pid == pmtPid ? PMT : -1;
        if (table < 0 || (buf[off + 3] & 0x10) == 0) {
            return; // not a table PID, or no payload (the counter does not advance)
        }
        int slot = count[table]++ % KEPT;
        index[table][slot] = storeIndex;
        counter[table][slot] = (byte) (buf[off + 3] & 0x0F);
    }

    /**
     * The counter a packet of {@code table} sent just before store index {@code start} should
     * carry: that of the last table packet stored before it, else one less than that of the first
     * one from it on (the history no longer reaches back), else {@link #UNKNOWN}.
     */
    int counterBefore(int table, long start) {
        int n = count[table];
        int firstAfter = UNKNOWN;
        for (int i = n - 1; i >= Math.max(0, n - KEPT); i--) {
            int slot = i % KEPT;
            if (index[table][slot] < start) {
                return counter[table][slot];
            }
            firstAfter = (counter[table][slot] + 15) & 0x0F;
        }
        return firstAfter;
    }
}
