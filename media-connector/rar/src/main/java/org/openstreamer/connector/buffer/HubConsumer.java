package org.openstreamer.connector.buffer;

/**
 * What a stream's hub feeds besides its live readers: packagers (HLS playlists and ready
 * segments), the DVR writer, and next pushers, fMP4/DASH packagers, encryption, thumbnails. Calls
 * come on the stream's ingest thread and must not block: a consumer queues or builds and returns.
 */
public interface HubConsumer {

    /** A segment was cut; {@code window} is what the stream holds from now on (it includes {@code segment}). */
    default void segmentClosed(Segment segment, SegmentWindow window) {
    }

    /** The hub is closed (the stream was removed, disabled or restarted): let go of everything. */
    default void closed() {
    }
}
