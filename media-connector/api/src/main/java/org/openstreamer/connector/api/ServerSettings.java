package org.openstreamer.connector.api;

import java.io.Serializable;
import java.util.List;

/**
 * Server-wide engine settings: the global SRT ports (a stream's own ports win over these) and the
 * SRT port ranges resolved through the configuration backend.
 *
 * @param srt            shared global port: the streamid must carry {@code r=NAME} and {@code m=publish|request}
 * @param srtPublish     global publish port: the streamid must carry {@code r=NAME}
 * @param srtPlay        global play port: the streamid must carry {@code r=NAME}
 * @param srtRanges      port ranges whose streams {@code configExternal} names (empty for none)
 * @param configExternal base URL of the configuration backend (ends with {@code /}), or null
 * @param urlPrefix      written before the segment and playlist URLs of HLS playlists
 *                       ({@code http://cdn.example.com:8080}, {@code /live}), or null for relative URLs
 * @param rtmpPort       the RTMP listener's port ({@code listeners.rtmp}); 0 turns RTMP off
 * Each endpoint is null when not configured.
 */
public record ServerSettings(SrtEndpoint srt, SrtEndpoint srtPublish, SrtEndpoint srtPlay,
                             List<SrtPortRange> srtRanges, String configExternal, String urlPrefix,
                             int rtmpPort) implements Serializable {

    /** RTMP's registered port, used unless {@code listeners.rtmp} says otherwise. */
    public static final int DEFAULT_RTMP_PORT = 1935;

    public static final ServerSettings NONE = new ServerSettings(null, null, null, List.of(), null, null);

    public ServerSettings {
        srtRanges = srtRanges == null ? List.of() : List.copyOf(srtRanges);
        if (rtmpPort < 0 || rtmpPort > 65535) {
            throw new IllegalArgumentException("RTMP port out of range: " + rtmpPort);
        }
    }

    /** With RTMP on its default port. */
    public ServerSettings(SrtEndpoint srt, SrtEndpoint srtPublish, SrtEndpoint srtPlay,
                          List<SrtPortRange> srtRanges, String configExternal, String urlPrefix) {
        this(srt, srtPublish, srtPlay, srtRanges, configExternal, urlPrefix, DEFAULT_RTMP_PORT);
    }

    public ServerSettings(SrtEndpoint srt, SrtEndpoint srtPublish, SrtEndpoint srtPlay,
                          List<SrtPortRange> srtRanges, String configExternal) {
        this(srt, srtPublish, srtPlay, srtRanges, configExternal, null);
    }

    public ServerSettings(SrtEndpoint srt, SrtEndpoint srtPublish, SrtEndpoint srtPlay) {
        this(srt, srtPublish, srtPlay, List.of(), null, null);
    }
}
