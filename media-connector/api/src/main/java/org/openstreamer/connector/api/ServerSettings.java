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
 * Each endpoint is null when not configured.
 */
public record ServerSettings(SrtEndpoint srt, SrtEndpoint srtPublish, SrtEndpoint srtPlay,
                             List<SrtPortRange> srtRanges, String configExternal, String urlPrefix) implements Serializable {

    public static final ServerSettings NONE = new ServerSettings(null, null, null, List.of(), null, null);

    public ServerSettings {
        srtRanges = srtRanges == null ? List.of() : List.copyOf(srtRanges);
    }

    public ServerSettings(SrtEndpoint srt, SrtEndpoint srtPublish, SrtEndpoint srtPlay,
                          List<SrtPortRange> srtRanges, String configExternal) {
        this(srt, srtPublish, srtPlay, srtRanges, configExternal, null);
    }

    public ServerSettings(SrtEndpoint srt, SrtEndpoint srtPublish, SrtEndpoint srtPlay) {
        this(srt, srtPublish, srtPlay, List.of(), null, null);
    }
}
