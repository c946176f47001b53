package org.openstreamer.connector.api;

/**
 * The engine's live HTTP output, for the request hot path: thread-safe and long-lived, taken once
 * from a {@link MediaEngine} handle and kept (it needs no handle per request). Answers come from
 * memory without blocking, so an I/O thread may call it.
 */
public interface LivePlayback {

    /**
     * The ready body of an HLS resource of a live stream, by its path relative to the stream: a
     * playlist ({@code index.m3u8}, {@code playlist.m3u8}, {@code mono.m3u8}, {@code video.m3u8},
     * {@code videoN.m3u8}, {@code tracks-1,3/index.m3u8}) or a segment the playlists list (under
     * {@code tracks-IDS/} for a variant). Null when the stream is not live, has no such variant, or
     * the segment has left memory (the archive may still have it).
     */
    ReadyBody hls(String stream, String resource);
}
