package org.openstreamer.connector.packager.hls;

/**
 * What the {@link HlsSegmenter} feeds: the HLS output (playlists and ready segment bodies) and the
 * DVR writer. Calls come on the stream's ingest thread and must not block.
 */
public interface SegmentListener {

    /** A segment was cut; {@code window} is what the stream holds from now on (it includes {@code segment}). */
    void segmentClosed(Segment segment, SegmentWindow window);

    /** The hub told its viewers the stream ended (see {@link org.openstreamer.connector.buffer.HubConsumer#sourceEnded}). */
    default void sourceEnded() {
    }

    /** The hub is closed: let go of everything. */
    default void closed() {
    }
}
