package org.openstreamer.ejb.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server-wide playback authorization settings (the reference's global {@code auth},
 * {@code max_sessions}, {@code no_auto_token} and {@code auth_backend} blocks): the backend of
 * streams that have no {@code on_play} of their own, the most viewers on the server at once,
 * whether a viewer without a token is refused instead of given one, and the named backends an
 * {@code on_play auth://NAME} refers to (name to the block's rule lines, in their order), and
 * {@code soft_limitation} for streams that do not set it.
 */
public record PlaybackDefaults(String onPlay, Integer maxSessions, boolean noAutoToken, Map<String, List<String>> authBackends,
                               boolean softLimitation) {

    public static final PlaybackDefaults NONE = new PlaybackDefaults(null, null, false);

    public PlaybackDefaults {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (authBackends != null) {
            authBackends.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        }
        authBackends = java.util.Collections.unmodifiableMap(copy);
    }

    public PlaybackDefaults(String onPlay, Integer maxSessions, boolean noAutoToken, Map<String, List<String>> authBackends) {
        this(onPlay, maxSessions, noAutoToken, authBackends, false);
    }

    /** Without named backends. */
    public PlaybackDefaults(String onPlay, Integer maxSessions, boolean noAutoToken) {
        this(onPlay, maxSessions, noAutoToken, Map.of());
    }
}
