package org.openstreamer.connector.ingest;

import org.openstreamer.connector.api.StreamConfig;

/**
 * The rules every protocol applies before a publisher may feed a stream: the name resolves to a
 * stream (its own or one made from a publish location or template), the stream is enabled and
 * accepts publishing, the password matches where the protocol carries one, and nobody publishes
 * to it yet. Reads in-memory state only, so it may run inside a library callback.
 */
public final class PublishAdmission {

    public static final int BAD_REQUEST = 400;
    public static final int FORBIDDEN = 403;
    public static final int NOT_FOUND = 404;
    public static final int CONFLICT = 409;

    /** What admission needs to know of the running server. */
    public interface State {
        /** The configuration {@code stream} resolves to, or null. */
        StreamConfig config(String stream);

        boolean hasPublisher(String stream);
    }

    /** Why a publisher is refused: an HTTP-like status and a sentence for logs and the peer. */
    public record Refusal(int status, String reason) {
    }

    private PublishAdmission() {
    }

    /** For protocols without a publish password (SRT has its passphrase): null when admitted. */
    public static Refusal check(String stream, State state) {
        return check(stream, state, false, null);
    }

    /**
     * For protocols that carry the stream's publish password ({@code ?password=} of RTMP):
     * null when admitted.
     *
     * @param offered the password the publisher gave, or null
     */
    public static Refusal checkWithPassword(String stream, State state, String offered) {
        return check(stream, state, true, offered);
    }

    private static Refusal check(String stream, State state, boolean passwordCarried, String offered) {
        StreamConfig config = state.config(stream);
        if (config == null) {
            return new Refusal(NOT_FOUND, "unknown stream " + stream);
        }
        if (config.disabled()) {
            return new Refusal(FORBIDDEN, "stream " + stream + " is disabled");
        }
        if (!config.publishEnabled()) {
            return new Refusal(FORBIDDEN, "stream " + stream + " does not accept publishing");
        }
        String expected = config.password();
        if (passwordCarried && expected != null && !expected.isEmpty() && !constantTimeEquals(expected, offered)) {
            return new Refusal(FORBIDDEN, offered == null ? "stream " + stream + " asks for a password"
                    : "wrong password for stream " + stream);
        }
        if (state.hasPublisher(stream)) {
            return new Refusal(CONFLICT, "stream " + stream + " already has a publisher");
        }
        return null;
    }

    private static boolean constantTimeEquals(String expected, String offered) {
        return offered != null && java.security.MessageDigest.isEqual(
                expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                offered.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
