package org.openstreamer.connector.ingest.srt;

import org.openstreamer.connector.api.SrtEndpoint;

/**
 * What one bound SRT port is for. A stream's own ports name the stream; the global ports learn it
 * from the streamid's {@code r=}. A shared port ({@code srt}) learns the direction from {@code m=}.
 * A port of a range was given its stream by the configuration backend, or is held for a while
 * to refuse callers with the backend's answer.
 *
 * @param kind     the port's role
 * @param stream   the owning stream for the stream and range kinds, null for global ports
 * @param endpoint the port, passphrase and latency as configured (range ports: the port only)
 * @param refusal  what callers of a {@link Kind#RANGE_REFUSED} port are told, else null
 */
public record SrtPortRole(Kind kind, String stream, SrtEndpoint endpoint, SrtAdmission.Reject refusal) {

    public SrtPortRole(Kind kind, String stream, SrtEndpoint endpoint) {
        this(kind, stream, endpoint, null);
    }

    static SrtPortRole range(int port, boolean publish, String stream) {
        return new SrtPortRole(publish ? Kind.RANGE_PUBLISH : Kind.RANGE_PLAY, stream,
                new SrtEndpoint(port, null, SrtEndpoint.DEFAULT_LATENCY_MS));
    }

    static SrtPortRole refusing(int port, SrtAdmission.Reject refusal) {
        return new SrtPortRole(Kind.RANGE_REFUSED, null, new SrtEndpoint(port, null, SrtEndpoint.DEFAULT_LATENCY_MS), refusal);
    }

    public enum Kind {
        STREAM_SHARED, STREAM_PUBLISH, STREAM_PLAY, GLOBAL_SHARED, GLOBAL_PUBLISH, GLOBAL_PLAY,
        RANGE_PUBLISH, RANGE_PLAY, RANGE_REFUSED;

        /** The stream is named by the caller's streamid. */
        boolean global() {
            return this == GLOBAL_SHARED || this == GLOBAL_PUBLISH || this == GLOBAL_PLAY;
        }

        /** Passphrase and latency come from the stream's own settings, not from the port. */
        boolean usesStreamSettings() {
            return global() || this == RANGE_PUBLISH || this == RANGE_PLAY;
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
            case RANGE_PUBLISH -> "publish range port of " + stream;
            case RANGE_PLAY -> "play range port of " + stream;
            case RANGE_REFUSED -> "unresolved range port";
        };
    }
}
