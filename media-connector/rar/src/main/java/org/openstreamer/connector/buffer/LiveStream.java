package org.openstreamer.connector.buffer;

import org.openstreamer.connector.packager.hls.Segment;
import org.openstreamer.connector.packager.hls.SegmentWindow;
import org.openstreamer.connector.api.LiveTsReader;
import org.openstreamer.connector.api.MediaInfo;
import org.openstreamer.connector.api.PipelineInfo;
import org.openstreamer.connector.demux.ts.TsDemuxListener;
import org.openstreamer.connector.demux.ts.TsTrack;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * The hub of one live stream. Fed by the demuxer of whichever publisher is connected, it stores
 * the packets once, cuts segments at keyframes of the first video track (or at audio frames when
 * there is no video) once {@code segmentDuration} has passed, and publishes an immutable
 * {@link SegmentWindow} that playlists and segment requests read without locking.
 *
 * <p>Threading: all {@code on*} and publisher methods run on the ingest thread of the stream;
 * readers and HTTP requests only read volatile snapshots.
 */
public final class LiveStream implements TsDemuxListener {

    private static final int MAX_PID = 8192;
    /** Segments kept beyond those listed, for players still working through an older playlist. */
    private static final int EXTRA_SEGMENTS = 2;

    private final String name;
    private final PacketStore store = new PacketStore();
    private final ProgramTables tables = new ProgramTables();
    private final List<LiveTsReaderImpl> readers = new CopyOnWriteArrayList<>();
    /** Bytes handed to viewers (live readers and HLS segments), for the per-minute statistics. */
    private final LongAdder bytesOut = new LongAdder();
    private final RateMeter outRate = new RateMeter();

    private volatile int segmentDuration;
    private volatile int segmentCount;
    private volatile SegmentWindow window = SegmentWindow.EMPTY;
    private volatile List<TsTrack> tracks = List.of();
    private volatile long latestKeyframe = -1;
    private volatile long lastFrameMillis;
    private volatile boolean publishing;
    /** When the last publisher left (Unix ms), 0 while one is connected or before any. */
    private volatile long stoppedAtMillis;
    /** Told to viewers: the source left a while ago (see {@link #endIfGone}). */
    private volatile boolean ended;
    private volatile String publisher;
    private volatile int publisherPort;
    private volatile java.time.Instant since = java.time.Instant.now();
    private volatile long errors;
    private volatile Runnable onPublisherStopped = () -> { };
    private final List<HubConsumer> consumers = new CopyOnWriteArrayList<>();

    // Ingest-thread state
    private long indexBase;
    private long notifiedSize;
    private long nextSequence;
    private long discontinuitySequence;
    private int cutTrack = -1;
    private long segmentStart = -1;
    private long segmentStartPts;
    private long segmentStartMillis;
    /** PAT and PMT as they stood when the open segment started: its packets continue their counters. */
    private byte[] segmentTables;
    private boolean nextDiscontinuity;
    private long lastCutTrackPts = -1;
    private long lastFrameGap = 3600;
    private final int[] trackOfPid = new int[MAX_PID];
    private final TrackCounters counters = new TrackCounters();
    /** Arrival times of the latest packets, by index modulo the size, to time segment availability. */
    private final long[] arrivals = new long[ARRIVALS];
    private static final int ARRIVALS = 64;
    private final DelayRecorder segmentDelays;

    public LiveStream(String name, int segmentDuration, int segmentCount) {
        this(name, segmentDuration, segmentCount, new DelayRecorder());
    }

    public LiveStream(String name, int segmentDuration, int segmentCount, DelayRecorder segmentDelays) {
        this.name = name;
        this.segmentDelays = segmentDelays;
        this.segmentDuration = segmentDuration;
        this.segmentCount = segmentCount;
        java.util.Arrays.fill(trackOfPid, -1);
    }

    public String name() {
        return name;
    }

    /** Applies from the next cut: the current segment keeps growing to the new target. */
    public void reconfigure(int segmentDuration, int segmentCount) {
        this.segmentDuration = segmentDuration;
        this.segmentCount = segmentCount;
    }

    // ---------------------------------------------------------------- publisher lifecycle

    /** A publisher connected from {@code peer} to local {@code port}: its demuxer numbers packets from 0 again. */
    public synchronized void publisherStarted(String peer, int port) {
        ended = false;
        stoppedAtMillis = 0;
        publisher = peer;
        publisherPort = port;
        since = java.time.Instant.now();
        errors = 0;
        indexBase = store.size();
        lastCutTrackPts = -1;
        counters.reset(System.nanoTime());
        if (segmentStart >= 0 || !window.segments().isEmpty()) {
            nextDiscontinuity = true;
        }
        segmentStart = -1; // the next keyframe starts a segment
        publishing = true;
    }

    /** The publisher left: what it sent since the last cut becomes a final, shorter segment. */
    public void publisherStopped() {
        synchronized (this) {
            stoppedAtMillis = System.currentTimeMillis();
        }
        publishing = false;
        publisher = null;
        publisherPort = 0;
        if (segmentStart >= 0 && lastCutTrackPts > segmentStartPts) {
            closeSegment(store.size(), lastCutTrackPts + lastFrameGap);
        }
        segmentStart = -1;
        notifyReaders();
        onPublisherStopped.run();
    }

    /** Runs {@code action} on the ingest thread each time a publisher has stopped (the owner may drop the stream). */
    public void whenPublisherStops(Runnable action) {
        onPublisherStopped = action;
    }

    /** Feeds {@code consumer} from now on (packagers, the DVR writer), on the ingest thread. */
    public void addConsumer(HubConsumer consumer) {
        consumers.add(consumer);
    }

    /**
     * Tells viewers the stream ended when its publisher has been gone for {@code graceMillis}:
     * live readers (MPEG-TS over HTTP, SRT players) finish, HLS playlists get {@code EXT-X-ENDLIST}.
     * A shorter absence (a reconnecting encoder) is waited out by the viewers. Returns how long the
     * publisher has been gone, or -1 while one is connected.
     */
    public long endIfGone(long now, long graceMillis) {
        boolean endNow;
        long gone;
        synchronized (this) {
            gone = publishing || stoppedAtMillis == 0 ? -1 : now - stoppedAtMillis;
            endNow = gone >= graceMillis && !ended;
            ended |= endNow;
        }
        if (endNow) {
            notifyReaders();
            consumers.forEach(HubConsumer::sourceEnded);
        }
        return gone;
    }

    /** The publisher left and viewers were told the stream ended. */
    public boolean isEnded() {
        return ended;
    }

    public boolean isPublishing() {
        return publishing;
    }

    /** Publishing and past its first keyframe: a new viewer can start right away. */
    public boolean isLive() {
        return publishing && latestKeyframe >= 0;
    }

    public long lastFrameMillis() {
        return lastFrameMillis;
    }

    /** The current publisher's input error total (set by the ingest loop from its demuxer). */
    public void reportErrors(long total) {
        errors = total;
    }

    /** The pipeline as the API shows it; {@code source} is the active input the engine keeps for the stream. */
    public PipelineInfo pipelineInfo(String source) {
        long bitrate = 0;
        for (TsTrack t : tracks) {
            bitrate += counters.bitrate(t.index());
        }
        long last = lastFrameMillis;
        return new PipelineInfo(name, publishing ? "publishing" : "waiting", since, readers.size(),
                publishing ? bitrate : 0, errors, last == 0 ? -1 : System.currentTimeMillis() - last,
                publisher, publisherPort, store.size() * PacketStore.PACKET_SIZE, bytesOut.sum(), source,
                outRate.bitsPerSecond(System.currentTimeMillis()), null);
    }

    /** Counts a segment handed to an HTTP viewer. */
    public void segmentServed(long bytes) {
        sent(bytes);
    }

    /** Bytes handed to a viewer (a segment, or a live reader's read), from any thread. */
    private void sent(long bytes) {
        bytesOut.add(bytes);
        outRate.add(bytes, System.currentTimeMillis());
    }

    // ---------------------------------------------------------------- demuxer output

    @Override
    public void onPacket(byte[] buf, int off) {
        tables.inspect(buf, off);
        int pid = ((buf[off + 1] & 0x1F) << 8) | (buf[off + 2] & 0xFF);
        int track = trackOfPid[pid];
        if (track >= 0) {
            counters.bytes(track, PacketStore.PACKET_SIZE);
        }
        arrivals[(int) (store.size() % ARRIVALS)] = System.nanoTime();
        store.append(buf, off);
    }

    @Override
    public void onTracks(List<TsTrack> newTracks) {
        java.util.Arrays.fill(trackOfPid, -1);
        int video = -1;
        int audio = -1;
        for (TsTrack t : newTracks) {
            trackOfPid[t.pid()] = t.index();
            if (t.kind() == TsTrack.Kind.VIDEO && video < 0) {
                video = t.index();
            } else if (t.kind() == TsTrack.Kind.AUDIO && audio < 0) {
                audio = t.index();
            }
        }
        cutTrack = video >= 0 ? video : audio;
        tracks = List.copyOf(newTracks);
    }

    @Override
    public void onFrame(long firstPacketIndex, TsTrack track, long pts, long dts, boolean keyframe) {
        long now = System.currentTimeMillis();
        lastFrameMillis = now;
        counters.frame(track.index(), dts);
        if (track.index() != cutTrack) {
            return;
        }
        if (lastCutTrackPts >= 0 && pts > lastCutTrackPts) {
            lastFrameGap = Math.min(pts - lastCutTrackPts, 90_000);
        }
        lastCutTrackPts = Math.max(lastCutTrackPts, pts);
        if (!keyframe) {
            return;
        }
        long index = indexBase + firstPacketIndex;
        if (segmentStart < 0) {
            startSegment(index, pts, now);
        } else if (pts - segmentStartPts >= segmentDuration * 90_000L) {
            long startMillis = segmentStartMillis + (pts - segmentStartPts) / 90;
            closeSegment(index, pts);
            startSegment(index, pts, startMillis);
            if (store.size() - (index - 1) < ARRIVALS) { // the segment's last packet is still in the ring
                segmentDelays.record((System.nanoTime() - arrivals[(int) ((index - 1) % ARRIVALS)]) / 1000);
            }
        }
        if (track.kind() == TsTrack.Kind.VIDEO || latestKeyframe < 0) {
            latestKeyframe = index;
        }
    }

    /** Called by the ingest loop after each chunk fed to the demuxer: wakes the live readers. */
    public void flush() {
        if (store.size() != notifiedSize) {
            notifiedSize = store.size();
            notifyReaders();
        }
    }

    private void startSegment(long index, long pts, long startMillis) {
        segmentStart = index;
        segmentStartPts = pts;
        segmentStartMillis = startMillis;
        segmentTables = tables.snapshot();
    }

    private void closeSegment(long endIndex, long endPts) {
        long duration = endPts - segmentStartPts;
        if (duration <= 0 || endIndex <= segmentStart) {
            return;
        }
        Segment s = new Segment(nextSequence++, segmentStart, segmentStartPts, duration, segmentStartMillis,
                nextDiscontinuity, segmentTables, store.pin(segmentStart, endIndex),
                Segment.pathFor(segmentStartMillis, duration));
        nextDiscontinuity = false;
        List<Segment> kept = new ArrayList<>(window.segments());
        kept.add(s);
        int keep = segmentCount + EXTRA_SEGMENTS;
        while (kept.size() > keep) {
            if (kept.get(0).discontinuity()) {
                discontinuitySequence++;
            }
            kept.remove(0);
        }
        window = new SegmentWindow(List.copyOf(kept), segmentCount, segmentDuration, discontinuitySequence);
        // Live readers may lag by at most the segments kept.
        store.releaseBefore(kept.get(0).firstPacket());
        SegmentWindow now = window;
        for (HubConsumer c : consumers) {
            c.segmentClosed(s, now);
        }
    }

    private void notifyReaders() {
        for (LiveTsReaderImpl r : readers) {
            r.signal();
        }
    }

    // ---------------------------------------------------------------- read side

    public SegmentWindow window() {
        return window;
    }

    public List<TsTrack> tracks() {
        return tracks;
    }

    /** A new viewer, starting at the latest keyframe; null before the first keyframe arrived or once the stream ended. */
    public LiveTsReader openReader() {
        long start = latestKeyframe;
        if (start < 0 || ended) {
            return null;
        }
        LiveTsReaderImpl reader = new LiveTsReaderImpl(store, tables.bytes(), start, readers::remove, this::sent, this::isEnded);
        readers.add(reader);
        return reader;
    }

    public int readerCount() {
        return readers.size();
    }

    /** Ends every reader (the stream was removed or stopped). */
    public void close() {
        publishing = false;
        for (LiveTsReaderImpl r : readers) {
            r.end();
        }
        readers.clear();
        consumers.forEach(HubConsumer::closed);
    }

    public MediaInfo mediaInfo() {
        List<TsTrack> current = tracks;
        List<MediaInfo.Track> out = new ArrayList<>();
        int width = 0;
        int height = 0;
        for (TsTrack t : current) {
            String content = switch (t.kind()) {
                case VIDEO -> "video";
                case AUDIO -> "audio";
                default -> "other";
            };
            if (t.kind() == TsTrack.Kind.VIDEO && width == 0) {
                width = t.width();
                height = t.height();
            }
            out.add(new MediaInfo.Track(content, t.codec(), t.index() + 1, counters.bitrate(t.index()),
                    t.kind() == TsTrack.Kind.VIDEO ? counters.fps(t.index()) : 0, t.width(), t.height(),
                    t.sampleRate(), t.channels(), t.language()));
        }
        return new MediaInfo(width, height, List.copyOf(out));
    }
}
