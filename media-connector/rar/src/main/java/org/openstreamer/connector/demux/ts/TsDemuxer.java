package org.openstreamer.connector.demux.ts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Demultiplexes a live MPEG transport stream (ISO/IEC 13818-1) fed in chunks of any size: keeps
 * the 188-byte packet sync, follows PAT and the first program's PMT, follows each elementary
 * stream's PES packets, and reports packets, tracks and frame starts to a {@link TsDemuxListener}.
 * Bad input is skipped and counted ({@link #stats()}), never thrown.
 * <p>
 * <b>Sync</b> (states SEARCHING and LOCKED). While searching, a 0x47 byte is trusted only when
 * the next two packets start with 0x47 too. Once locked, a packet is passed on when the byte
 * after it is 0x47 again and it continues its PID's continuity counter; a packet that does not
 * (a new PID, a counter jump) needs the sync byte of the packet after next as well. So the last
 * packet of a chunk waits for the first byte of the next chunk (or for {@link #flush()}).
 * A packet not followed by a sync byte is dropped when a confirmed sync appears inside it (it was
 * truncated); otherwise it is taken for a complete packet followed by garbage and passed on, but
 * only if it continues its PID's continuity counter. Either way the sync counts as lost and the
 * search restarts. Each decision needs at most three packets of lookahead and waits until those
 * bytes are there, so the outcome never depends on how the input was chunked.
 * <p>
 * <b>Frames</b> (see {@code ElementaryStream}): video at its first slice, audio and other PES
 * streams at their PES start (keyframe true); section streams such as SCTE-35 are listed as
 * tracks but not parsed.
 * <p>
 * Not thread-safe: one thread feeds, and the listener is called on it. Per packet nothing is
 * allocated; bytes are staged through one fixed buffer.
 */
public final class TsDemuxer {

    private static final int PACKET = TsPacket.SIZE;
    private static final int STAGE = PACKET * 64;
    private static final byte DUPLICATE_SEEN = 0x10;
    private static final int CC_OK = 0;
    private static final int CC_DUPLICATE = 1;
    private static final int CC_GAP = 2;

    private enum Sync { SEARCHING, LOCKED }

    private final TsDemuxListener listener;
    private final TsDemuxerLimits limits;
    private final DemuxCounters counters = new DemuxCounters();
    private final byte[] stage = new byte[STAGE];
    private int staged;
    private Sync sync = Sync.SEARCHING;

    private final byte[] continuity = new byte[TsPacket.PID_COUNT];
    private final ElementaryStream[] streamsByPid = new ElementaryStream[TsPacket.PID_COUNT];
    private final PsiSectionAssembler pat;
    private final PsiSectionAssembler pmt;
    private final ProgramClock clock;
    private final ProgramTablePackets tablePackets = new ProgramTablePackets();
    /** The packet just fed to the PAT or PMT assembler completed a section that was accepted. */
    private boolean tableAccepted;
    private final Runnable trackChanged = this::publishTracks;
    private boolean patSeen;
    private int patCrc;
    private int pmtPid = -1;
    private int programNumber = -1;
    private boolean pmtSeen;
    private int pmtCrc;
    private int pmtVersion = -1;
    private int pcrPid = -1;
    private ElementaryStream[] streams = new ElementaryStream[0];
    /** What {@link #expectPes} announced; pendingPid -1 when nothing is. */
    private int pendingPid = -1;
    private byte[] pendingPes;
    private int pendingOff;
    private int pendingLen;
    private List<TsTrack> tracks = List.of();

    public TsDemuxer(TsDemuxListener listener) {
        this(listener, TsDemuxerLimits.DEFAULTS);
    }

    public TsDemuxer(TsDemuxListener listener, TsDemuxerLimits limits) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.pat = new PsiSectionAssembler(this::onPat, counters);
        this.pmt = new PsiSectionAssembler(this::onPmt, counters);
        this.clock = new ProgramClock(limits.maxBackwardJump(), limits.maxForwardJump(), counters);
        Arrays.fill(continuity, (byte) -1);
    }

    /** Takes the next bytes of the stream, {@code buf[off .. off+len)}; any chunking works. */
    public void feed(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        counters.bytesIn += len;
        while (len > 0) {
            int n = Math.min(len, STAGE - staged);
            System.arraycopy(buf, off, stage, staged, n);
            staged += n;
            off += n;
            len -= n;
            consume(scan(false));
        }
    }

    /**
     * The next PES that {@link #feedMuxed} will carry on {@code pid}, whole: its elementary stream
     * takes it from here, when its first packet (the next one on {@code pid} with
     * payload_unit_start) has been passed on, instead of reassembling it from the packets. The
     * array must stay unchanged until then.
     */
    public void expectPes(int pid, byte[] pes, int off, int len) {
        Objects.checkFromIndexSize(off, len, pes.length);
        pendingPid = pid;
        pendingPes = pes;
        pendingOff = off;
        pendingLen = len;
    }

    /**
     * Whole packets, {@code buf[off .. off+len)} with {@code len} a multiple of 188, written by a
     * muxer of this process (aligned, valid, continuous): no staging, no sync search and no
     * continuity check. The program tables are read as from {@link #feed}; elementary stream
     * packets are only passed on, their frames come from {@link #expectPes}. The listener sees
     * what {@link #feed} of the same bytes would give it, call for call. Not to be mixed with
     * {@link #feed} on one demuxer.
     */
    public void feedMuxed(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len % PACKET != 0) {
            throw new IllegalArgumentException("not whole packets: " + len + " bytes");
        }
        counters.bytesIn += len;
        for (int p = off, end = off + len; p < end; p += PACKET) {
            int pid = TsPacket.pid(buf, p);
            if (pid == TsPacket.PAT_PID || pid == pmtPid) {
                packet(buf, p);
                continue;
            }
            long index = counters.packets++;
            listener.onPacket(buf, p, pid);
            if (pid == pendingPid && TsPacket.payloadUnitStart(buf, p)) {
                pendingPid = -1;
                ElementaryStream es = streamsByPid[pid];
                if (es != null) {
                    es.wholePes(pendingPes, pendingOff, pendingLen, index);
                }
                pendingPes = null;
            }
        }
    }

    /**
     * The input ended (or paused for good): passes on a last packet still waiting for the next
     * sync byte, counts what remains as dropped, and starts searching for sync afresh.
     */
    public void flush() {
        consume(scan(true));
        counters.bytesDropped += staged;
        staged = 0;
        sync = Sync.SEARCHING;
    }

    /** The tracks as last published through {@code onTracks}. */
    public List<TsTrack> tracks() {
        return tracks;
    }

    /** A snapshot of the counters and per-track figures. Call it on the feeding thread. */
    public TsDemuxStats stats() {
        List<TsTrackStats> perTrack = new ArrayList<>(streams.length);
        for (ElementaryStream es : streams) {
            perTrack.add(es.stats());
        }
        DemuxCounters c = counters;
        return new TsDemuxStats(c.bytesIn, c.packets, c.bytesDropped, c.syncLosses, c.teiPackets, c.ccErrors,
                c.duplicatePackets, c.malformedPackets, c.badCrcSections, c.psiErrors, c.pesErrors, c.oversizePes,
                c.timestampDiscontinuities, List.copyOf(perTrack));
    }

    private void consume(int consumed) {
        if (consumed > 0) {
            System.arraycopy(stage, consumed, stage, 0, staged - consumed);
            staged -= consumed;
        }
    }

    /** Runs the sync state machine over the staged bytes; returns how many it is done with. */
    private int scan(boolean eof) {
        byte[] a = stage;
        int end = staged;
        int p = 0;
        while (true) {
            if (sync == Sync.LOCKED) {
                if (end - p <= PACKET) {
                    if (eof && end - p == PACKET) {
                        packet(a, p);
                        p += PACKET;
                    }
                    return p;
                }
                if (a[p + PACKET] == TsPacket.SYNC) {
                    if (!continuesItsPid(a, p, true)) {
                        // a PID's first packet, a counter jump, or garbage shaped like a packet:
                        // trusted only with a third sync byte, as when searching
                        if (end - p <= 2 * PACKET) {
                            if (!eof) {
                                return p;
                            }
                        } else if (a[p + 2 * PACKET] != TsPacket.SYNC) {
                            loseSync();
                            p++;
                            counters.bytesDropped++;
                            continue;
                        }
                    }
                    packet(a, p);
                    p += PACKET;
                    continue;
                }
                if (end - p < 2 * PACKET && !eof) {
                    return p; // need the bytes after this packet to judge it
                }
                loseSync();
                if (!truncated(a, p, end) && continuesItsPid(a, p, false)) {
                    packet(a, p); // complete, followed by garbage
                    p += PACKET;
                } else {
                    p++; // this candidate is spent: searching goes on after it
                    counters.bytesDropped++;
                }
            } else {
                int need = eof ? PACKET : 2 * PACKET + 1;
                while (end - p >= need) {
                    if (syncAt(a, p, end)) {
                        sync = Sync.LOCKED;
                        break;
                    }
                    p++;
                    counters.bytesDropped++;
                }
                if (sync != Sync.LOCKED) {
                    return p;
                }
            }
        }
    }

    private void loseSync() {
        sync = Sync.SEARCHING;
        counters.syncLosses++;
    }

    /**
     * A sync candidate: 0x47 here and at the next two packet starts (those before {@code end}:
     * all three unless the input has ended), and not {@link #stray}.
     */
    private boolean syncAt(byte[] a, int p, int end) {
        for (int q = p; q < end && q <= p + 2 * PACKET; q += PACKET) {
            if (a[q] != TsPacket.SYNC) {
                return false;
            }
        }
        return !stray(a, p, end);
    }

    /** True when a sync confirmed by the next packet starts inside the packet at {@code p}. */
    private boolean truncated(byte[] a, int p, int end) {
        int last = Math.min(p + PACKET - 1, end - PACKET - 1);
        for (int x = p + 1; x <= last; x++) {
            if (a[x] == TsPacket.SYNC && a[x + PACKET] == TsPacket.SYNC && !stray(a, x, end)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the packet at {@code p} is the one its PID's continuity counter expects: the PID has
     * been seen and the counter is the next one, or the same (a duplicate, or no payload). Null
     * packets, which have no counter, count as expected when {@code nullOk}. Garbage that starts
     * with 0x47 passes with a chance of about (PIDs in use) / (16 x 8192).
     */
    private boolean continuesItsPid(byte[] a, int p, boolean nullOk) {
        int pid = TsPacket.pid(a, p);
        if (pid == TsPacket.NULL_PID) {
            return nullOk;
        }
        int last = continuity[pid];
        if (last < 0 || TsPacket.discontinuity(a, p)) {
            return false;
        }
        int cc = TsPacket.continuityCounter(a, p);
        int lastCc = last & 0x0F;
        return cc == lastCc || (TsPacket.hasPayload(a, p) && cc == ((lastCc + 1) & 0x0F));
    }

    /**
     * A sync candidate that is more likely 188 bytes of garbage (or of a packet's payload) just
     * before a real packet: its PID was never seen while the packet after it is on a known PID.
     * Never true at the start, when no PID is known, nor without the next packet's header.
     */
    private boolean stray(byte[] a, int p, int end) {
        if (p + PACKET + 3 > end) {
            return false;
        }
        int pid = TsPacket.pid(a, p);
        int next = TsPacket.pid(a, p + PACKET);
        return pid != TsPacket.NULL_PID && continuity[pid] < 0 && (next == TsPacket.NULL_PID || continuity[next] >= 0);
    }

    /** One packet with a confirmed sync byte at {@code a[p]}. */
    private void packet(byte[] a, int p) {
        if (TsPacket.transportError(a, p)) {
            counters.teiPackets++;
            return;
        }
        long index = counters.packets++;
        int pid = TsPacket.pid(a, p);
        listener.onPacket(a, p, pid);
        if (pid == TsPacket.NULL_PID) {
            return;
        }
        int offset = TsPacket.payloadOffset(a, p);
        if (offset == TsPacket.MALFORMED) {
            counters.malformedPackets++;
            return;
        }
        boolean discontinuity = TsPacket.discontinuity(a, p);
        if (discontinuity && pid == pcrPid) {
            for (ElementaryStream es : streams) {
                es.markDiscontinuity();
            }
        }
        if (!TsPacket.hasPayload(a, p)) {
            if (continuity[pid] < 0) {
                continuity[pid] = (byte) TsPacket.continuityCounter(a, p); // a PCR-only PID is known too
            }
            return;
        }
        int cc = checkContinuity(pid, TsPacket.continuityCounter(a, p), discontinuity);
        if (cc == CC_DUPLICATE) {
            return;
        }
        boolean unitStart = TsPacket.payloadUnitStart(a, p);
        if (pid == TsPacket.PAT_PID) {
            if (cc == CC_GAP) {
                pat.reset();
            }
            tableAccepted = false;
            pat.payload(a, p + offset, p + PACKET, unitStart);
            if (tableAccepted && tablePackets.pat(a, p, offset)) {
                listener.onProgramTables(tablePackets.bytes());
            }
        } else if (pid == pmtPid) {
            if (cc == CC_GAP) {
                pmt.reset();
            }
            tableAccepted = false;
            pmt.payload(a, p + offset, p + PACKET, unitStart);
            if (tableAccepted && tablePackets.pmt(a, p, offset)) {
                listener.onProgramTables(tablePackets.bytes());
            }
        } else {
            ElementaryStream es = streamsByPid[pid];
            if (es != null) {
                if (cc == CC_GAP) {
                    es.lost();
                }
                es.payload(a, p + offset, p + PACKET, unitStart, index);
            }
        }
    }

    /** continuity_counter rules of 2.4.3.3: +1 per payload packet, one duplicate allowed. */
    private int checkContinuity(int pid, int cc, boolean discontinuity) {
        int last = continuity[pid];
        if (last < 0 || discontinuity) {
            continuity[pid] = (byte) cc;
            return CC_OK;
        }
        int lastCc = last & 0x0F;
        if (cc == lastCc) {
            if ((last & DUPLICATE_SEEN) != 0) {
                counters.ccErrors++; // a third copy
            } else {
                counters.duplicatePackets++;
            }
            continuity[pid] = (byte) (cc | DUPLICATE_SEEN);
            return CC_DUPLICATE;
        }
        continuity[pid] = (byte) cc;
        if (cc != ((lastCc + 1) & 0x0F)) {
            counters.ccErrors++;
            return CC_GAP;
        }
        return CC_OK;
    }

    private static int crcField(byte[] s, int length) {
        return ((s[length - 4] & 0xFF) << 24) | ((s[length - 3] & 0xFF) << 16) | ((s[length - 2] & 0xFF) << 8)
                | (s[length - 1] & 0xFF);
    }

    private void onPat(byte[] s, int length) {
        if (s[0] != PatSection.TABLE_ID || !PatSection.current(s)) {
            return;
        }
        int crc = crcField(s, length);
        if (patSeen && crc == patCrc) {
            tableAccepted = true;
            return;
        }
        int pid = PatSection.firstProgramMapPid(s, length);
        if (pid == -1) {
            return; // no program (yet)
        }
        if (pid < 0x10 || pid >= TsPacket.NULL_PID) {
            counters.psiErrors++;
            return;
        }
        patSeen = true;
        patCrc = crc;
        tableAccepted = true;
        int program = PatSection.firstProgramNumber(s, length);
        if (pid != pmtPid || program != programNumber) {
            pmtPid = pid;
            programNumber = program;
            pmt.reset();
            pmtSeen = false;
            tablePackets.pmtMoved();
            streamsByPid[pid] = null; // should the PID have carried a stream, it now carries the PMT
        }
    }

    private void onPmt(byte[] s, int length) {
        if (s[0] != PmtSection.TABLE_ID) {
            return;
        }
        int crc = crcField(s, length);
        if (pmtSeen && crc == pmtCrc) {
            tableAccepted = true;
            return;
        }
        PmtSection section = PmtSection.parse(s, length, limits.maxTracks());
        if (section == null) {
            counters.psiErrors++;
            return;
        }
        if (section.programNumber() != programNumber) {
            return; // another program's PMT on the same PID
        }
        pmtSeen = true;
        pmtCrc = crc;
        tableAccepted = true;
        apply(section);
    }

    /** Installs the PMT's streams, keeping the state of those whose PID and codec stay. */
    private void apply(PmtSection section) {
        List<ElementaryStream> next = new ArrayList<>();
        for (PmtSection.Stream st : section.streams()) {
            int pid = st.pid();
            if (pid < 0x10 || pid >= TsPacket.NULL_PID || pid == pmtPid) {
                continue;
            }
            ElementaryStream es = streamsByPid[pid];
            if (es == null || es.codec != st.codec() || es.streamType != st.streamType()) {
                es = new ElementaryStream(pid, st.streamType(), st.codec(), listener, trackChanged, counters, limits,
                        clock);
            }
            es.describe(next.size(), st.language());
            next.add(es);
        }
        for (ElementaryStream old : streams) {
            streamsByPid[old.pid] = null;
        }
        for (ElementaryStream es : next) {
            streamsByPid[es.pid] = es;
        }
        streams = next.toArray(new ElementaryStream[0]);
        pcrPid = section.pcrPid();
        boolean versionChanged = section.version() != pmtVersion;
        pmtVersion = section.version();
        if (versionChanged || !trackList().equals(tracks)) {
            publishTracks();
        }
    }

    private List<TsTrack> trackList() {
        TsTrack[] list = new TsTrack[streams.length];
        for (int i = 0; i < streams.length; i++) {
            list[i] = streams[i].track();
        }
        return List.of(list);
    }

    private void publishTracks() {
        tracks = trackList();
        listener.onTracks(tracks);
    }
}
