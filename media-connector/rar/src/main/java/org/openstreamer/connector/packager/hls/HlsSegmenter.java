package org.openstreamer.connector.packager.hls;

import org.openstreamer.connector.buffer.DelayRecorder;
import org.openstreamer.connector.buffer.HubConsumer;
import org.openstreamer.connector.buffer.LiveStream;
import org.openstreamer.connector.buffer.PacketStore;
import org.openstreamer.connector.buffer.PinnedRange;
import org.openstreamer.connector.demux.ts.TsTrack;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Cuts a live stream into HLS segments: at a keyframe of the anchor track (the first video, or
 * the first audio when there is none) once {@code segmentDuration} has passed, each segment the
 * program tables then the hub's packets, written once into a memory file (or pinned in the
 * hub's blocks when there is none). Keeps the {@link SegmentWindow} of the last
 * {@code segmentCount + 2} segments, publishes it as an immutable snapshot that playlists and
 * segment requests read without locking, and tells the hub which packets it may let go of.
 *
 * <p>Threading: a consumer of the hub, so everything but {@link #window()} and
 * {@link #reconfigure} runs on the stream's ingest thread.
 */
public final class HlsSegmenter implements HubConsumer {

    /** Segments kept beyond those listed, for players still working through an older playlist. */
    private static final int EXTRA_SEGMENTS = 2;
    /** Segments a live reader (MPEG-TS over HTTP, SRT player) may fall behind before it is cut off. */
    private static final int READER_LAG_SEGMENTS = 3;

    private final LiveStream hub;
    private final DelayRecorder segmentDelays;
    private final SegmentFiles segmentFiles;
    private final List<SegmentListener> listeners = new CopyOnWriteArrayList<>();
    private volatile int segmentDuration;
    private volatile int segmentCount;
    private volatile SegmentWindow window = SegmentWindow.EMPTY;

    /** Written on the ingest thread only; volatile so monitoring reads it from any thread. */
    private volatile long nextSequence;

    // Ingest-thread state
    private long discontinuitySequence;
    private long segmentStart = -1;
    private long segmentStartPts;
    private long segmentStartMillis;
    /** PAT and PMT as they stood when the open segment started: its packets continue their counters. */
    private byte[] segmentTables;
    private boolean nextDiscontinuity;
    private long lastAnchorPts = -1;
    private long lastFrameGap = 3600;

    public HlsSegmenter(LiveStream hub, int segmentDuration, int segmentCount, DelayRecorder segmentDelays) {
        this(hub, segmentDuration, segmentCount, segmentDelays, SegmentFiles.DEFAULT);
    }

    /** @param segmentFiles where closed segments are kept: memory files, or the hub's heap blocks */
    public HlsSegmenter(LiveStream hub, int segmentDuration, int segmentCount, DelayRecorder segmentDelays,
                        SegmentFiles segmentFiles) {
        this.hub = hub;
        this.segmentFiles = segmentFiles;
        this.segmentDuration = segmentDuration;
        this.segmentCount = segmentCount;
        this.segmentDelays = segmentDelays;
    }

    public HlsSegmenter(LiveStream hub, int segmentDuration, int segmentCount) {
        this(hub, segmentDuration, segmentCount, new DelayRecorder());
    }

    /** Feeds {@code listener} each closed segment from now on, on the ingest thread. */
    public void addListener(SegmentListener listener) {
        listeners.add(listener);
    }

    public void removeListener(SegmentListener listener) {
        listeners.remove(listener);
    }

    /** Applies from the next cut: the current segment keeps growing to the new target. */
    public void reconfigure(int segmentDuration, int segmentCount) {
        this.segmentDuration = segmentDuration;
        this.segmentCount = segmentCount;
    }

    /** The segments held now; any thread. */
    public SegmentWindow window() {
        return window;
    }

    /** Segments closed since this segmenter started, from any thread. */
    public long segmentsClosed() {
        return nextSequence;
    }

    public LiveStream hub() {
        return hub;
    }

    @Override
    public void sourceStarted() {
        lastAnchorPts = -1;
        if (segmentStart >= 0 || !window.segments().isEmpty()) {
            nextDiscontinuity = true;
        }
        segmentStart = -1; // the next keyframe starts a segment
    }

    /** What the publisher sent since the last cut becomes a final, shorter segment. */
    @Override
    public void sourceStopped() {
        if (segmentStart >= 0 && lastAnchorPts > segmentStartPts) {
            closeSegment(hub.packetCount(), lastAnchorPts + lastFrameGap);
        }
        segmentStart = -1;
    }

    @Override
    public void sourceEnded() {
        listeners.forEach(SegmentListener::sourceEnded);
    }

    @Override
    public void closed() {
        listeners.forEach(SegmentListener::closed);
        SegmentWindow last = window;
        window = SegmentWindow.EMPTY;
        last.segments().forEach(Segment::release);
    }

    @Override
    public void frame(long index, TsTrack track, long pts, long dts, boolean keyframe, boolean anchor) {
        if (!anchor) {
            return;
        }
        if (lastAnchorPts >= 0 && pts > lastAnchorPts) {
            lastFrameGap = Math.min(pts - lastAnchorPts, 90_000);
        }
        lastAnchorPts = Math.max(lastAnchorPts, pts);
        if (!keyframe) {
            return;
        }
        if (segmentStart < 0) {
            startSegment(index, pts, System.currentTimeMillis());
        } else if (pts - segmentStartPts >= segmentDuration * 90_000L) {
            long startMillis = segmentStartMillis + (pts - segmentStartPts) / 90;
            closeSegment(index, pts);
            startSegment(index, pts, startMillis);
            long arrived = hub.arrivalNanos(index - 1); // the segment's last packet
            if (arrived >= 0) {
                segmentDelays.record((System.nanoTime() - arrived) / 1000);
            }
        }
    }

    private void startSegment(long index, long pts, long startMillis) {
        segmentStart = index;
        segmentStartPts = pts;
        segmentStartMillis = startMillis;
        segmentTables = hub.programTables();
    }

    private void closeSegment(long endIndex, long endPts) {
        long duration = endPts - segmentStartPts;
        if (duration <= 0 || endIndex <= segmentStart) {
            return;
        }
        PinnedRange packets = hub.pin(segmentStart, endIndex);
        SegmentFile file = segmentFiles.write(Segment.buffers(segmentTables, packets),
                segmentTables.length + packets.packets() * PacketStore.PACKET_SIZE);
        Segment s = new Segment(nextSequence++, segmentStart, segmentStartPts, duration, segmentStartMillis,
                nextDiscontinuity, segmentTables, file == null ? packets : null, file,
                Segment.pathFor(segmentStartMillis, duration));
        nextDiscontinuity = false;
        List<Segment> kept = new ArrayList<>(window.segments());
        kept.add(s);
        int keep = segmentCount + EXTRA_SEGMENTS;
        while (kept.size() > keep) {
            Segment gone = kept.remove(0);
            if (gone.discontinuity()) {
                discontinuitySequence++;
            }
            gone.release();
        }
        SegmentWindow now = new SegmentWindow(List.copyOf(kept), segmentCount, segmentDuration, discontinuitySequence);
        window = now;
        // Live readers may lag by the segments the hub still holds: the whole window when the
        // segments live in its blocks, the last few when they have memory files of their own.
        int inHub = file == null ? kept.size() : Math.min(kept.size(), READER_LAG_SEGMENTS);
        hub.releaseBefore(kept.get(kept.size() - inHub).firstPacket());
        for (SegmentListener l : listeners) {
            l.segmentClosed(s, now);
        }
    }
}
