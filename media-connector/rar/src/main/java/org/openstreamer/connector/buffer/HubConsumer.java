package org.openstreamer.connector.buffer;

import org.openstreamer.connector.packager.hls.Segment;
import org.openstreamer.connector.packager.hls.SegmentWindow;
/**
 * What a stream's hub feeds besides its live readers: packagers (HLS playlists and ready
 * segments), the DVR writer, and next pushers, fMP4/DASH packagers, encryption, thumbnails. Calls
 * come on the stream's ingest thread and must not block: a consumer queues or builds and returns.
 */
public interface HubConsumer {

    /** A segment was cut; {@code window} is what the stream holds from now on (it includes {@code segment}). */
    default void segmentClosed(Segment segment, SegmentWindow window) {
    }

    /**
     * The source has been gone long enough for viewers to be told the stream ended (HLS playlists
     * get {@code EXT-X-ENDLIST}); a source that comes back starts a new segment after a discontinuity.
     */
    default void sourceEnded() {
    }

    /** The hub is closed (the stream was removed, disabled or restarted): let go of everything. */
    default void closed() {
    }
}
