package org.openstreamer.connector.api;

import java.util.Locale;

/** Event names as they appear in the events table and in webhooks (the reference's spelling). */
public enum MediaEventType {
    ENGINE_STARTED,
    ENGINE_STOPPING;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
