package org.openstreamer.ejb.model;

import org.openstreamer.connector.api.SrtEndpoint;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The server-wide settings as the API and the services see them ({@code GET/PUT /config}): the
 * global SRT ports (null when not configured; each has a port), the SRT listener port ranges, the
 * configuration backend's base URL, the extra HTTP listeners, the URL prefix of HLS playlists,
 * the cluster key and the RTMP port (each null when not set; RTMP then listens on 1935, and port 0
 * turns it off), and the playback authorization defaults.
 */
public record ServerConfigDefinition(SrtEndpoint srt, SrtEndpoint srtPublish, SrtEndpoint srtPlay,
                                     List<SrtListenerRange> listeners, String configExternal,
                                     List<HttpListener> http, String urlPrefix, String clusterKey,
                                     Integer rtmpPort, PlaybackDefaults playback) {

    public static final ServerConfigDefinition EMPTY = new ServerConfigDefinition(null, null, null, List.of(), null);

    public ServerConfigDefinition {
        listeners = listeners == null ? List.of() : List.copyOf(listeners);
        http = http == null ? List.of() : List.copyOf(http);
        playback = playback == null ? PlaybackDefaults.NONE : playback;
    }

    /** Without playback defaults. */
    public ServerConfigDefinition(SrtEndpoint srt, SrtEndpoint srtPublish, SrtEndpoint srtPlay,
                                  List<SrtListenerRange> listeners, String configExternal,
                                  List<HttpListener> http, String urlPrefix, String clusterKey, Integer rtmpPort) {
        this(srt, srtPublish, srtPlay, listeners, configExternal, http, urlPrefix, clusterKey, rtmpPort, null);
    }

    /** Without an RTMP port: the default one. */
    public ServerConfigDefinition(SrtEndpoint srt, SrtEndpoint srtPublish, SrtEndpoint srtPlay,
                                  List<SrtListenerRange> listeners, String configExternal,
                                  List<HttpListener> http, String urlPrefix, String clusterKey) {
        this(srt, srtPublish, srtPlay, listeners, configExternal, http, urlPrefix, clusterKey, null);
    }

    /** The SRT settings alone, the others unset. */
    public ServerConfigDefinition(SrtEndpoint srt, SrtEndpoint srtPublish, SrtEndpoint srtPlay,
                                  List<SrtListenerRange> listeners, String configExternal) {
        this(srt, srtPublish, srtPlay, listeners, configExternal, List.of(), null, null);
    }

    /** The global endpoints present, in {@link SrtKind} order. */
    public Map<SrtKind, SrtEndpoint> endpoints() {
        Map<SrtKind, SrtEndpoint> map = new EnumMap<>(SrtKind.class);
        StreamOptions.putIfPresent(map, SrtKind.SRT, srt);
        StreamOptions.putIfPresent(map, SrtKind.SRT_PUBLISH, srtPublish);
        StreamOptions.putIfPresent(map, SrtKind.SRT_PLAY, srtPlay);
        return map;
    }
}
