package org.openstreamer.web.playback.auth;

import java.net.URI;

/**
 * What a stream asks of its viewers: a backend to ask ({@code on_play}, the stream's or else the
 * server's), a limit on the stream's sessions and one on the server's ({@code max_sessions}), and
 * whether a viewer without a token is refused ({@code no_auto_token}). With none of them, viewers
 * are not tracked at all and playback costs nothing extra.
 */
public record PlayPolicy(URI onPlay, Integer maxSessions, Integer serverMaxSessions, boolean noAutoToken) {

    public static final PlayPolicy OFF = new PlayPolicy(null, null, null, false);

    /** Whether viewers of this stream have sessions. */
    public boolean active() {
        return onPlay != null || maxSessions != null || serverMaxSessions != null || noAutoToken;
    }
}
