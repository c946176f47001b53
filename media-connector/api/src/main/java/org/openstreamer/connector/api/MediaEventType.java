package org.openstreamer.connector.api;

import java.util.Locale;

/** Event names as they appear in the events table and in webhooks (the reference's spelling). */
public enum MediaEventType {
    /** The adapter started and loaded its native libraries (data: version, ffmpeg, srt). */
    ENGINE_STARTED,
    /** The deployment is stopping; recorded by the EJB layer, whose listeners are going away. */
    ENGINE_STOPPING;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
