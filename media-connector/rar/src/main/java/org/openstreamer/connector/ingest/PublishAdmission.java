package org.openstreamer.connector.ingest;

import org.openstreamer.connector.api.StreamConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Whether a publisher may feed a stream, the same for every protocol (SRT, RTMP, HTTP MPEG-TS):
 * the name resolves to a stream (its own or one made from a publish location or template), the
 * stream is enabled and accepts publishing, the publisher gave the stream's {@code password} if it
 * has one, and nobody publishes to it yet. Reads only in-memory state, so a protocol may call it
 * from a callback that must not block.
 */
public final class PublishAdmission {

    public static final int BAD_REQUEST = 400;
    public static final int FORBIDDEN = 403;
    public static final int NOT_FOUND = 404;
    public static final int CONFLICT = 409;
    public static final int UNAVAILABLE = 503;

    /** What admission needs to know of the running server. */
    public interface State {
        /** The configuration {@code stream} resolves to, or null. */
        StreamConfig config(String stream);

        boolean hasPublisher(String stream);

        /** The {@code on_publish} step that follows these checks; by default none. */
        default PublishAuthorization authorization() {
            return PublishAuthorization.NONE;
        }
    }

    /**
     * Why a publisher is refused: {@code status} is HTTP's (SRT adds 1000 for its reject code),
     * {@code error} the API's error name, {@code reason} a sentence for logs and the peer.
     */
    public record Refusal(int status, String error, String reason) {
    }

    private PublishAdmission() {
    }

    /** As {@link #check(String, StreamConfig, boolean, String)}, asking {@code state}. */
    public static Refusal check(String stream, State state, String password) {
        StreamConfig config = state.config(stream);
        return check(stream, config, config != null && state.hasPublisher(stream), password);
    }

    /**
     * @param config       the stream's configuration as resolved for {@code stream}, or null if none
     * @param hasPublisher whether someone publishes to it now
     * @param password     the password the publisher gave, or null
     * @return null when the publisher may go on
     */
    public static Refusal check(String stream, StreamConfig config, boolean hasPublisher, String password) {
        if (config == null) {
            return new Refusal(NOT_FOUND, "stream_not_found", "unknown stream " + stream);
        }
        if (config.disabled()) {
            return new Refusal(FORBIDDEN, "stream_disabled", "stream " + stream + " is disabled");
        }
        if (!config.publishEnabled()) {
            return new Refusal(FORBIDDEN, "publish_forbidden", "stream " + stream + " does not accept publishing");
        }
        if (config.password() != null && !config.password().isEmpty() && !sameSecret(config.password(), password)) {
            return new Refusal(FORBIDDEN, "wrong_password", password == null || password.isEmpty()
                    ? "stream " + stream + " asks for a password" : "wrong password for stream " + stream);
        }
        if (hasPublisher) {
            return new Refusal(CONFLICT, "already_publishing", "stream " + stream + " already has a publisher");
        }
        return null;
    }

    /** Compares in time independent of where the strings differ. */
    private static boolean sameSecret(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }
}
