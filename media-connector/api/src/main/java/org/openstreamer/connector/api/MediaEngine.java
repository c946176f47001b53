package org.openstreamer.connector.api;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A connection handle to the media engine inside the resource adapter. Obtain one from
 * {@link MediaEngineFactory#getEngine()} and close it when done (try-with-resources); handles are
 * cheap and pooled by the container.
 */
public interface MediaEngine extends AutoCloseable {

    /** What the engine is and what it can do: versions, native libraries, uptime. */
    EngineInfo info();

    /** Pipelines (one per live stream being ingested or served) running right now. */
    List<PipelineInfo> pipelines();

    /**
     * Restarts one stream's live pipeline: its publisher is disconnected (it may connect again at
     * once), its viewers' live connections end, and its segments are dropped; other streams see
     * nothing. Returns false when the stream is not configured in the engine.
     */
    boolean restart(String stream);

    /**
     * Makes {@code url} the stream's active input (the caller has checked it is one of the stream's
     * inputs). Returns false when the stream is not configured in the engine.
     */
    boolean switchSource(String stream, String url);

    /**
     * Replaces the engine's view of the configured streams with {@code streams} (the whole set).
     * Streams that are new get their listeners; changed ones are reconfigured in place (a new
     * segment duration applies from the next segment); removed ones are stopped and their peers
     * disconnected. Publishers of unchanged streams see nothing.
     */
    default void applyStreams(Collection<StreamConfig> streams) {
        applyStreams(streams, List.of(), List.of());
    }

    /**
     * Like {@link #applyStreams(Collection)}, with the publish locations and templates that make
     * streams of names nobody configured. All three replace what the engine had, at once: a stream
     * made from a location keeps its publisher through the change as long as the location remains.
     */
    void applyStreams(Collection<StreamConfig> streams, Collection<PublishLocationConfig> locations,
                      Collection<StreamTemplateConfig> templates);

    /**
     * The state of one stream: its pipeline while it has one (state {@code publishing}, or
     * {@code waiting} for its source), a {@code waiting} pipeline for a static stream without a
     * source yet, or null when nothing runs for this name (on-demand and idle, disabled, unknown).
     */
    PipelineInfo pipeline(String stream);

    /**
     * A viewer asks for {@code stream}: an on-demand stream with inputs starts (a running one counts
     * the request as a client, which keeps it running for {@code clients_timeout}). True while the
     * stream runs or starts, false when it cannot (unknown, disabled, nothing to pull).
     */
    default boolean demand(String stream) {
        return false;
    }

    /**
     * The DVR archive on disk (segments to read, find, delete, export). Take it with a handle; like
     * {@link #livePlayback()} it outlives the handle, so a long download needs none per segment.
     */
    Archive archive();

    /**
     * An HLS media playlist over {@code segments} (oldest first; an archive range, a timeshift
     * window), written by the same writer as the live playlists. {@code targetSeconds} is the
     * least target duration announced (the only one when there is no segment).
     */
    String hlsPlaylist(PlaylistType type, List<PlaylistSegment> segments, int targetSeconds);

    /** What the DVR recorder says of a stream (recording now, the current write error, counters). */
    DvrStatus dvrStatus(String stream);

    /** Replaces the server-wide settings (global SRT ports), rebinding only what changed. */
    void applySettings(ServerSettings settings);

    /**
     * The live HTTP output (HLS playlists and segments as ready bytes). Take it once and keep it:
     * it outlives this handle and needs none per request.
     */
    LivePlayback livePlayback();

    /** The tracks of a live stream, or null when it is not live. */
    MediaInfo mediaInfo(String stream);

    /**
     * The latest JPEG thumbnail of a live stream with the {@code thumbnails} option; null when the
     * option is off, the stream is not live, or its first thumbnail is not made yet.
     */
    Thumbnail thumbnail(String stream);

    /** A reader of the live MPEG-TS, starting at the latest keyframe; null when the stream is not live. */
    LiveTsReader openLiveTs(String stream);

    /** Each push of the stream in its configured order; empty when it has none or the name is unknown. */
    List<PushInfo> pushes(String stream);

    /**
     * HLS segments the stream's live pipeline has closed since it started (a restart starts again
     * at 0); 0 when it is not live.
     */
    long segments(String stream);

    /**
     * libsrt's counters of every open SRT connection, publishers and players. Publishers' counters
     * are the engine's latest half-second sample, so asking costs no call into libsrt for them.
     */
    List<SrtConnectionStats> srtConnections();

    /**
     * Admits a publisher whose connection the caller owns (HTTP MPEG-TS: {@code protocol} "http"),
     * by the same rules as every other protocol: the stream (or a publish location over it) exists,
     * is enabled, accepts publishing, has no publisher yet, and {@code params} (the query
     * arguments) carry its {@code password} if it has one. Never blocks.
     *
     * @param peer who publishes, {@code host:port}
     */
    Publishing openPublisher(String stream, String protocol, String peer, Map<String, String> params);

    /**
     * Installs who decides about SRT and RTMP players (the web layer's playback check), or
     * {@link PlayAuthorizer#OPEN} to let everyone play again; the engine keeps it until replaced.
     */
    void playAuthorizer(PlayAuthorizer authorizer);

    /**
     * DRM of protected streams (keys, archive encryption). Take it once and keep it: it outlives
     * this handle.
     */
    default Drm drm() {
        throw new UnsupportedOperationException("this engine has no DRM");
    }

    /** Returns the handle to the pool; never throws. */
    @Override
    void close();
}
