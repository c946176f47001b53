package org.openstreamer.web.playback.auth;

import java.net.URI;

/**
 * What a stream asks of its viewers: a backend to ask ({@code on_play}, the stream's or else the
 * server's), a limit on the stream's sessions and one on the server's ({@code max_sessions}), and
 * whether a viewer without a token is refused ({@code no_auto_token}). With none of them, viewers
 * are not tracked at all and playback costs nothing extra. A DRM-protected stream ({@code drm})
 * always has sessions: its keys go only to a session the playlist opened.
 *
 * @param rules the rules of the {@code auth_backend} an {@code on_play auth://NAME} names, or null
 *              (no such on_play, or no block of that name)
 */
public record PlayPolicy(URI onPlay, Integer maxSessions, Integer serverMaxSessions, boolean noAutoToken,
                         AuthRules rules, boolean drm) {

    public static final PlayPolicy OFF = new PlayPolicy(null, null, null, false, null, false);

    /** The scheme of an on_play naming an auth_backend block. */
    public static final String NAMED = "auth";

    public PlayPolicy(URI onPlay, Integer maxSessions, Integer serverMaxSessions, boolean noAutoToken) {
        this(onPlay, maxSessions, serverMaxSessions, noAutoToken, null, false);
    }

    /** Whether viewers of this stream have sessions. */
    public boolean active() {
        return onPlay != null || maxSessions != null || serverMaxSessions != null || noAutoToken || drm;
    }

    /** Whether {@code url} names an auth_backend block ({@code auth://NAME}). */
    public static boolean named(URI url) {
        return url != null && NAMED.equalsIgnoreCase(url.getScheme());
    }
}
