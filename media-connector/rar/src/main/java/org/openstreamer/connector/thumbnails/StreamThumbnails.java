package org.openstreamer.connector.thumbnails;

import org.openstreamer.connector.buffer.LiveStream;
import org.openstreamer.connector.demux.ts.FirstPes;
import org.openstreamer.connector.demux.ts.TsTrack;
import org.openstreamer.connector.packager.hls.Segment;
import org.openstreamer.connector.packager.hls.SegmentListener;
import org.openstreamer.connector.packager.hls.SegmentWindow;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The thumbnails of one live stream: as the reference does, a JPEG of the first keyframe of each
 * closed HLS segment, so {@code segment_duration} sets their rate. Taking the keyframe from the
 * closed segment (rather than tracking every keyframe on the ingest thread) leaves the ingest
 * thread nothing to do but queue a job once per segment, and a segment already holds its packets
 * for as long as it is held; its keyframe is the first PES on the video PID, reassembled by the
 * demuxer's own PES code. A segment closed while the previous thumbnail is still being made gets
 * none. A keyframe that does not decode keeps the previous thumbnail, with one log line until the
 * next success.
 */
public final class StreamThumbnails implements SegmentListener {

    private static final Logger LOG = Logger.getLogger(StreamThumbnails.class.getName());
    /** Largest keyframe read: 8 MB is far above any real one (a 4K intra frame is ~1-2 MB). */
    private static final int MAX_KEYFRAME = 8 << 20;
    private static final int CHUNK = 188 * 350; // whole TS packets

    /** A JPEG and the wall-clock time (Unix ms) of the segment start it shows. */
    public record Thumbnail(byte[] jpeg, long millis) {
    }

    private final String name;
    private final LiveStream hub;
    private final Thumbnailer thumbnailer;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile Thumbnail latest;
    private volatile boolean closed;
    private volatile boolean failing;

    public StreamThumbnails(String name, LiveStream hub, Thumbnailer thumbnailer) {
        this.name = name;
        this.hub = hub;
        this.thumbnailer = thumbnailer;
    }

    /** The newest thumbnail, or null before the first one. */
    public Thumbnail latest() {
        return latest;
    }

    public LiveStream hub() {
        return hub;
    }

    @Override
    public void segmentClosed(Segment segment, SegmentWindow window) {
        TsTrack video = video();
        if (closed || video == null || !busy.compareAndSet(false, true)) {
            return;
        }
        if (!segment.hold()) {
            busy.set(false);
            return;
        }
        if (!thumbnailer.offer(() -> make(segment, video))) {
            segment.release();
            busy.set(false);
        }
    }

    /** The first H.264 or H.265 track, or null. */
    private TsTrack video() {
        for (TsTrack t : hub.tracks()) {
            if (t.kind() == TsTrack.Kind.VIDEO) {
                return "h264".equals(t.codec()) || "h265".equals(t.codec()) ? t : null;
            }
        }
        return null;
    }

    /** On the thumbnail thread. */
    private void make(Segment segment, TsTrack video) {
        try {
            byte[] keyframe = keyframe(segment, video.pid());
            if (keyframe == null) {
                throw new IOException("no whole keyframe at the start of the segment");
            }
            byte[] jpeg = KeyframeJpeg.encode(keyframe, video.codec(), video.width(), video.height());
            if (!closed) {
                latest = new Thumbnail(jpeg, segment.startMillis());
            }
            failing = false;
        } catch (IOException | RuntimeException | LinkageError e) {
            if (!failing) {
                failing = true;
                LOG.warning("Stream " + name + ": no thumbnail from segment " + segment.sequence() + ": " + e.getMessage()
                        + " (the previous one is kept)");
            }
        } finally {
            segment.release();
            busy.set(false);
        }
    }

    static byte[] keyframe(Segment segment, int pid) throws IOException {
        FirstPes pes = new FirstPes(pid, MAX_KEYFRAME);
        long offset = 0;
        while (offset < MAX_KEYFRAME) {
            ByteBuffer chunk = segment.readPackets(offset, CHUNK);
            if (!chunk.hasRemaining()) {
                break;
            }
            if (pes.feed(chunk)) {
                return pes.payload();
            }
            offset += chunk.remaining();
        }
        pes.finish();
        return pes.payload();
    }

    @Override
    public void closed() {
        closed = true;
        latest = null;
    }
}
