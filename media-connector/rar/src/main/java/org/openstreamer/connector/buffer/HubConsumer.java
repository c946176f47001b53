package org.openstreamer.connector.buffer;

import org.openstreamer.connector.demux.ts.TsTrack;

import java.util.List;

/**
 * Everything a stream's hub feeds, through one interface: the HLS segmenter (and through it the
 * HLS output and the DVR writer), live readers (SRT players, MPEG-TS over HTTP), and next pushers,
 * fMP4/DASH packagers, encryption, thumbnails. Packets are not pushed one by one: a consumer reads
 * them from the hub's store by index ({@link LiveStream#pin}, live readers by cursor), told by
 * these calls what is there. Calls come on the stream's ingest thread and must not block: a
 * consumer queues or builds and returns.
 */
public interface HubConsumer {

    /** The program's tracks, on the first PMT and whenever it or a track's parameters change. */
    default void tracksChanged(List<TsTrack> tracks) {
    }

    /**
     * A frame starts at store index {@code packetIndex} (the packet holding its PES header, already
     * stored). {@code anchor}: the track whose keyframes start segments and new viewers (the first
     * video, else the first audio).
     */
    default void frame(long packetIndex, TsTrack track, long pts, long dts, boolean keyframe, boolean anchor) {
    }

    /** Packets up to index {@code size} (exclusive) are stored; once per chunk fed, not per packet. */
    default void packetsAdded(long size) {
    }

    /** A publisher connected: its timeline is new (the next segment follows a discontinuity). */
    default void sourceStarted() {
    }

    /** The publisher left: nothing more comes until another one connects. */
    default void sourceStopped() {
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
