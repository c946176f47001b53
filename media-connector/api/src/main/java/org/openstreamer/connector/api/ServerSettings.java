package org.openstreamer.connector.api;

import java.io.Serializable;

/**
 * Server-wide engine settings: the global SRT ports (a stream's own ports win over these).
 *
 * @param srt        shared global port: the streamid must carry {@code r=NAME} and {@code m=publish|request}
 * @param srtPublish global publish port: the streamid must carry {@code r=NAME}
 * @param srtPlay    global play port: the streamid must carry {@code r=NAME}
 * Each is null when not configured.
 */
public record ServerSettings(SrtEndpoint srt, SrtEndpoint srtPublish, SrtEndpoint srtPlay) implements Serializable {

    public static final ServerSettings NONE = new ServerSettings(null, null, null);
}
