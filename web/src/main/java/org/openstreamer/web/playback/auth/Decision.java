package org.openstreamer.web.playback.auth;

/**
 * The answer to a viewer: play in {@code session}, be redirected to {@code location}, or be
 * refused with {@code status} and a reason code.
 */
public record Decision(PlaySession session, int status, String location, String reason) {

    public static Decision allow(PlaySession session) {
        return new Decision(session, 200, null, null);
    }

    public static Decision redirect(String location) {
        return new Decision(null, 302, location, null);
    }

    public static Decision refuse(String reason) {
        return new Decision(null, 403, null, reason);
    }

    public boolean allowed() {
        return session != null;
    }

    /** Words for the refusal's JSON body. */
    public String message() {
        return switch (reason == null ? "" : reason) {
            case "token_required" -> "This stream needs a token (?token=...).";
            case "denied" -> "The authorization backend refused this viewer.";
            case "backend_unavailable" -> "The authorization backend did not answer; try again.";
            case "stream_full" -> "The stream has as many viewers as it allows (max_sessions).";
            case "referer_denied" -> "This stream plays only embedded in the sites its domains setting names.";
            case "server_full" -> "The server has as many viewers as it allows (max_sessions).";
            default -> "Playback refused.";
        };
    }
}
