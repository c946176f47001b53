package org.openstreamer.connector.ingest.srt;

import org.openstreamer.connector.api.SrtEndpoint;

/**
 * What one bound SRT port is for. A stream's own ports name the stream; the global ports learn it
 * from the streamid's {@code r=}. A shared port ({@code srt}) learns the direction from {@code m=}.
 *
 * @param kind     the port's role
 * @param stream   the owning stream for the stream kinds, null for global ports
 * @param endpoint the port, passphrase and latency as configured
 */
public record SrtPortRole(Kind kind, String stream, SrtEndpoint endpoint) {

    public enum Kind {
        STREAM_SHARED, STREAM_PUBLISH, STREAM_PLAY, GLOBAL_SHARED, GLOBAL_PUBLISH, GLOBAL_PLAY;

        boolean global() {
            return this == GLOBAL_SHARED || this == GLOBAL_PUBLISH || this == GLOBAL_PLAY;
        }

        boolean shared() {
            return this == STREAM_SHARED || this == GLOBAL_SHARED;
        }
    }

    public String describe() {
        return switch (kind) {
            case STREAM_SHARED -> "srt port of " + stream;
            case STREAM_PUBLISH -> "srt_publish port of " + stream;
            case STREAM_PLAY -> "srt_play port of " + stream;
            case GLOBAL_SHARED -> "global srt port";
            case GLOBAL_PUBLISH -> "global srt_publish port";
            case GLOBAL_PLAY -> "global srt_play port";
        };
    }
}
