package org.openstreamer.ejb.model;

import java.util.Locale;

/**
 * The three SRT endpoints a stream or the server may have. {@link #key()} is the spelling used in
 * the database, in the API and in the reference configuration.
 */
public enum SrtKind {
    /** Shared publish/play port: the streamid's {@code m=} tells the direction. */
    SRT,
    /** Publish-only port. */
    SRT_PUBLISH,
    /** Play-only port. */
    SRT_PLAY;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SrtKind of(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
