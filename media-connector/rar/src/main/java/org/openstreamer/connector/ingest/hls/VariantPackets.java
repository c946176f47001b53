package org.openstreamer.connector.ingest.hls;

import org.openstreamer.connector.demux.ts.TsPackets;
import org.openstreamer.connector.ingest.pull.TsInput;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One variant of an {@code hls2://} source: reads its MPEG-TS, learns its program from its PAT and
 * PMT, and queues the packets of the tracks it contributes under the PIDs of the combined program,
 * each tagged with the decoding time of the PES it belongs to, so {@link HlsVariantsInput} can put
 * the variants side by side in time order. The first (best) variant gives every track; the others
 * give their video only (their audio repeats the first's). Its own PAT and PMT are dropped; the
 * first variant's PAT is kept in the queue as the place where the combined tables go.
 */
final class VariantPackets {

    /** Nothing known yet: no timestamp seen. */
    static final long NONE = Long.MIN_VALUE;
    /** Tracks a variant may bring: the combined program's PIDs are {@code 0x100 + 16 * variant + n}. */
    static final int MAX_TRACKS = 15;

    private static final int SIZE = TsPackets.SIZE;
    private static final long WRAP = 1L << 33;
    private static final int[] VIDEO_TYPES = {0x01, 0x02, 0x10, 0x1B, 0x24};

    /** A track of the variant's PMT: its stream type, PID and descriptors. */
    record Track(int streamType, int pid, byte[] descriptors) {
        boolean video() {
            return Arrays.stream(VIDEO_TYPES).anyMatch(t -> t == streamType);
        }
    }

    /** The timestamp the first variant's clock started from, shared so all variants unwrap alike. */
    static final class Clock {
        long start = NONE;
    }

    final int index;
    final String url;
    private final TsInput in;
    private final Clock clock;
    private final PacketQueue queue;
    private final byte[] raw = new byte[64 * 1024];
    private final int[] newPid = new int[TsPackets.PID_COUNT];
    private final long[] pidTag = new long[TsPackets.PID_COUNT];
    private int carried;
    private int pmtPid = -1;
    private List<Track> tracks;
    private int pcrPid = -1;
    private long last = NONE;
    private long horizon = NONE;
    private boolean ended;

    VariantPackets(int index, String url, TsInput in, Clock clock, int maxQueuedBytes) {
        this.index = index;
        this.url = url;
        this.in = in;
        this.clock = clock;
        this.queue = new PacketQueue(maxQueuedBytes);
        Arrays.fill(newPid, -1);
        Arrays.fill(pidTag, NONE);
    }

    /** Its PMT has come: the tracks are known. */
    boolean ready() {
        return tracks != null;
    }

    /** The tracks it contributes (all of the first variant's, the video of the others); after {@link #ready()}. */
    List<Track> tracks() {
        return tracks;
    }

    /** The PID its PMT names for the program clock. */
    int pcrPid() {
        return pcrPid;
    }

    boolean ended() {
        return ended;
    }

    /** The latest timestamp read, or {@link #NONE}: packets up to it may go out. */
    long horizon() {
        return horizon;
    }

    PacketQueue queue() {
        return queue;
    }

    /** Maps the contributed tracks (and the first variant's clock PID) onto the combined program's PIDs. */
    private void assignPids() {
        int first = CombinedProgram.firstPid(index);
        for (int i = 0; i < tracks.size(); i++) {
            newPid[tracks.get(i).pid()] = first + i;
        }
        if (index == 0 && pcrPid != TsPackets.NULL_PID && newPid[pcrPid] < 0) {
            newPid[pcrPid] = CombinedProgram.clockPid();
        }
    }

    /**
     * Reads once from the variant (waiting at most the input's poll time) and queues what came.
     *
     * @return the byte count, 0 if nothing came, -1 once the variant ended
     */
    int fill() throws IOException {
        if (ended) {
            return -1;
        }
        int n;
        try {
            n = in.read(raw, carried, raw.length - carried);
        } catch (IOException e) {
            throw new IOException("variant " + (index + 1) + ": " + e.getMessage(), e);
        }
        if (n < 0) {
            ended = true;
            return -1;
        }
        int end = carried + n;
        int p = 0;
        try {
            while (p + SIZE <= end) {
                if (raw[p] != 0x47) {
                    p++; // lost sync (a segment cut short): find the next packet
                    continue;
                }
                packet(p);
                p += SIZE;
            }
        } catch (IOException e) {
            throw new IOException("variant " + (index + 1) + " (" + url + "): " + e.getMessage(), e);
        }
        carried = end - p;
        System.arraycopy(raw, p, raw, 0, carried);
        return n;
    }

    private void packet(int p) throws IOException {
        int pid = TsPackets.pid(raw, p);
        if (pid == TsPackets.PAT_PID) {
            pat(p);
            if (index == 0 && tracks != null) {
                queue.add(raw, p, horizon); // where the combined PAT and PMT go
            }
        } else if (pid == pmtPid) {
            pmt(p);
        } else if (newPid[pid] >= 0) {
            long tag = TsPackets.unitStart(raw, p) ? pesTime(p) : NONE;
            if (tag != NONE) {
                pidTag[pid] = tag;
                horizon = Math.max(horizon, tag);
            }
            int to = newPid[pid];
            raw[p + 1] = (byte) ((raw[p + 1] & 0xE0) | (to >> 8));
            raw[p + 2] = (byte) to;
            queue.add(raw, p, pidTag[pid] == NONE ? horizon : pidTag[pid]);
        }
    }

    private void pat(int p) {
        int s = TsPackets.sectionStart(raw, p);
        if (s < 0 || TsPackets.tableId(raw, s) != 0x00 || TsPackets.sectionEnd(raw, s) > p + SIZE) {
            return;
        }
        int end = TsPackets.sectionEnd(raw, s) - 4;
        for (int e = s + 8; e + 4 <= end; e += 4) {
            int program = ((raw[e] & 0xFF) << 8) | (raw[e + 1] & 0xFF);
            if (program != 0) { // 0 names the network PID
                pmtPid = ((raw[e + 2] & 0x1F) << 8) | (raw[e + 3] & 0xFF);
                return;
            }
        }
    }

    private void pmt(int p) throws IOException {
        int s = TsPackets.sectionStart(raw, p);
        if (s < 0 || TsPackets.tableId(raw, s) != 0x02) {
            return;
        }
        int end = TsPackets.sectionEnd(raw, s) - 4;
        if (end + 4 > p + SIZE) {
            throw new IOException("its PMT does not fit one TS packet");
        }
        List<Track> found = new ArrayList<>();
        for (int e = TsPackets.pmtFirstStream(raw, s); e + 5 <= end; e = TsPackets.streamEnd(raw, e)) {
            Track t = new Track(raw[e] & 0xFF, TsPackets.streamPid(raw, e),
                    Arrays.copyOfRange(raw, e + 5, Math.min(end, TsPackets.streamEnd(raw, e))));
            if (index == 0 || t.video()) {
                found.add(t);
            }
        }
        if (found.size() > MAX_TRACKS) {
            throw new IOException("more than " + MAX_TRACKS + " tracks");
        }
        if (tracks == null) {
            tracks = List.copyOf(found);
            pcrPid = TsPackets.pmtPcrPid(raw, s);
            assignPids();
        } else if (!sameTracks(tracks, found)) {
            throw new IOException("its tracks changed");
        }
    }

    private static boolean sameTracks(List<Track> a, List<Track> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).pid() != b.get(i).pid() || a.get(i).streamType() != b.get(i).streamType()) {
                return false;
            }
        }
        return true;
    }

    /** The DTS (or PTS) of the PES starting in the packet at {@code p}, unwrapped; {@link #NONE} if it has none. */
    private long pesTime(int p) {
        int o = p + 4;
        if ((raw[p + 3] & 0x20) != 0) {
            o += 1 + (raw[p + 4] & 0xFF);
        }
        if (o + 19 > p + SIZE || raw[o] != 0 || raw[o + 1] != 0 || raw[o + 2] != 1) {
            return NONE;
        }
        int flags = (raw[o + 7] >> 6) & 3;
        if (flags == 2) {
            return unwrap(timestamp(o + 9));
        }
        if (flags == 3) {
            return unwrap(timestamp(o + 14));
        }
        return NONE;
    }

    private long timestamp(int at) {
        return ((long) (raw[at] & 0x0E) << 29) | ((raw[at + 1] & 0xFFL) << 22) | ((raw[at + 2] & 0xFEL) << 14)
                | ((raw[at + 3] & 0xFFL) << 7) | ((raw[at + 4] & 0xFEL) >> 1);
    }

    /** A 33-bit timestamp on a line that does not wrap, next to the last one (or the shared start). */
    long unwrap(long ts) {
        if (clock.start == NONE) {
            clock.start = ts;
        }
        long base = last != NONE ? last : clock.start;
        long d = Math.floorMod(ts - base, WRAP);
        if (d >= WRAP / 2) {
            d -= WRAP;
        }
        last = base + d;
        return last;
    }

    void close() throws IOException {
        in.close();
    }
}
