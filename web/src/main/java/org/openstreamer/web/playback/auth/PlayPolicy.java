package org.openstreamer.web.playback.auth;

import org.openstreamer.ejb.auth.RefererDomains;

import java.net.URI;

/**
 * What a stream asks of its viewers: a backend to ask ({@code on_play}, the stream's or else the
 * server's), a limit on the stream's sessions and one on the server's ({@code max_sessions}), and
 * whether a viewer without a token is refused ({@code no_auto_token}). With none of them, viewers
 * are not tracked at all and playback costs nothing extra. A DRM-protected stream ({@code drm})
 * always has sessions: its keys go only to a session the playlist opened.
 *
 * @param rules          the rules of the {@code auth_backend} an {@code on_play auth://NAME} names, or null
 *                       (no such on_play, or no block of that name)
 * @param softLimitation a user over its {@code X-Max-Sessions} loses sessions only when it is still
 *                       over on a later check, and only if they are all in use ({@link SessionTable})
 * @param domains        the stream's referer lock, or null: a check of each request that needs no
 *                       session, so it does not make the policy {@link #active}
 */
public record PlayPolicy(URI onPlay, Integer maxSessions, Integer serverMaxSessions, boolean noAutoToken,
                         AuthRules rules, boolean drm, boolean softLimitation, RefererDomains domains) {

    public static final PlayPolicy OFF = new PlayPolicy(null, null, null, false, null, false, false, null);

    /** The scheme of an on_play naming an auth_backend block. */
    public static final String NAMED = "auth";

    public PlayPolicy(URI onPlay, Integer maxSessions, Integer serverMaxSessions, boolean noAutoToken) {
        this(onPlay, maxSessions, serverMaxSessions, noAutoToken, null, false, false, null);
    }

    public PlayPolicy withDrm() {
        return new PlayPolicy(onPlay, maxSessions, serverMaxSessions, noAutoToken, rules, true, softLimitation, domains);
    }

    public PlayPolicy withDomains(RefererDomains d) {
        return new PlayPolicy(onPlay, maxSessions, serverMaxSessions, noAutoToken, rules, drm, softLimitation, d);
    }

    public PlayPolicy withSoftLimitation(boolean soft) {
        return new PlayPolicy(onPlay, maxSessions, serverMaxSessions, noAutoToken, rules, drm, soft, domains);
    }

    /** Whether a request with this Referer (null: none) passes the stream's {@code domains}. */
    public boolean refererAllowed(String referer) {
        return domains == null || domains.allows(referer);
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
