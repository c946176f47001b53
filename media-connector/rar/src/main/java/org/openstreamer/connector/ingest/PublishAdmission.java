package org.openstreamer.connector.ingest;

import org.openstreamer.connector.api.StreamConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Whether a publisher may feed a stream, the same for every protocol: the stream (or a publish
 * location over its name) exists, is enabled, accepts publishing, has no publisher yet, and the
 * publisher gave the stream's password if it has one. Reads only in-memory state, so a protocol
 * may call it from a callback that must not block.
 */
public final class PublishAdmission {

    /** Why a publisher is refused; {@code status} is HTTP's (SRT adds 1000 for its reject code). */
    public record Refusal(int status, String error, String reason) {
    }

    private PublishAdmission() {
    }

    /**
     * @param config       the stream's configuration as resolved for {@code stream}, or null if none
     * @param hasPublisher whether someone publishes to it now
     * @param password     the password the publisher gave, or null
     * @return null when the publisher may go on
     */
    public static Refusal check(String stream, StreamConfig config, boolean hasPublisher, String password) {
        if (config == null) {
            return new Refusal(404, "stream_not_found", "unknown stream " + stream);
        }
        if (config.disabled()) {
            return new Refusal(403, "stream_disabled", "stream " + stream + " is disabled");
        }
        if (!config.publishEnabled()) {
            return new Refusal(403, "publish_forbidden", "stream " + stream + " does not accept publishing");
        }
        if (config.password() != null && !sameSecret(config.password(), password)) {
            return new Refusal(403, "wrong_password", password == null || password.isEmpty()
                    ? "stream " + stream + " needs a password to publish" : "wrong password for stream " + stream);
        }
        if (hasPublisher) {
            return new Refusal(409, "already_publishing", "stream " + stream + " already has a publisher");
        }
        return null;
    }

    /** Compares in time independent of where the strings differ. */
    private static boolean sameSecret(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }
}
