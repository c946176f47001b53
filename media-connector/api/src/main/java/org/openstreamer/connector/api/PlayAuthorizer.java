package org.openstreamer.connector.api;

import java.util.concurrent.CompletableFuture;

/**
 * Who may watch over the engine's own connections (SRT and RTMP players): the web layer's
 * playback check ({@code on_play}, {@code max_sessions}, sessions), installed with
 * {@link MediaEngine#playAuthorizer}. HTTP playback is checked in the web layer itself; this
 * lets the engine ask the same check without knowing how it decides.
 */
public interface PlayAuthorizer {

    /**
     * A player asking for a stream.
     *
     * @param token    from the SRT streamid ({@code token=}) or the RTMP stream name's query, or null
     * @param referer  the RTMP {@code pageUrl}, or null
     * @param protocol {@code srt} or {@code rtmp} (the backend's {@code type})
     */
    record Viewer(String stream, String ip, String token, String referer, String userAgent, String protocol) {
    }

    /** A player let in: the engine tells it when the player leaves, and it tells the engine to cut the player. */
    interface Grant {
        /** Runs {@code disconnect} (at once if already closed) when the server closes the session: a re-check denied, a limit, the API. */
        void onRevoked(Runnable disconnect);

        /** The player left (or was cut); {@code bytes} it was sent. Idempotent. */
        void ended(long bytes);

        /** For streams with no policy: nothing to tell. */
        Grant UNTRACKED = new Grant() {
            @Override
            public void onRevoked(Runnable disconnect) {
            }

            @Override
            public void ended(long bytes) {
            }
        };
    }

    /**
     * The answer: play ({@code grant} not null), or be refused with an HTTP-like {@code status}
     * (403 denied or full, 503 backend unavailable, 302 with the backend's location) and a reason code.
     */
    record Verdict(Grant grant, int status, String reason) {

        public static final Verdict OPEN = new Verdict(Grant.UNTRACKED, 200, null);

        public boolean allowed() {
            return grant != null;
        }
    }

    /**
     * Decides about a player whose connection is established; never blocks (a backend question
     * completes later, within its deadline). An allowed player holds a session until its grant ends.
     */
    CompletableFuture<Verdict> admit(Viewer viewer);

    /**
     * A refusal known from memory alone, for a handshake that must be answered at once (SRT's
     * listen callback): a token denied lately, a full stream or server, no token under
     * {@code no_auto_token}, a rule of an
     * {@code auth_backend} by address, token or user agent, a referer outside the stream's
     * {@code domains}; null when nothing is known against the player ({@link #admit} decides
     * once it is connected). Creates nothing and never blocks.
     */
    default Verdict refusalKnown(Viewer viewer) {
        return null;
    }

    /** Lets everyone play: until the web layer installs its check. */
    PlayAuthorizer OPEN = v -> CompletableFuture.completedFuture(Verdict.OPEN);
}
