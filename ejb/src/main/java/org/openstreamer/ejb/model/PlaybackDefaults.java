package org.openstreamer.ejb.model;

/**
 * The server-wide playback authorization settings (the reference's global {@code auth},
 * {@code max_sessions} and {@code no_auto_token}): the backend of streams that have no
 * {@code on_play} of their own, the most viewers on the server at once, and whether a viewer
 * without a token is refused instead of given one.
 */
public record PlaybackDefaults(String onPlay, Integer maxSessions, boolean noAutoToken) {

    public static final PlaybackDefaults NONE = new PlaybackDefaults(null, null, false);
}
