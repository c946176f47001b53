package org.openstreamer.ejb.model;

import jakarta.json.JsonObject;

import java.util.Locale;

/**
 * One source of a stream: where from ({@code publish://}, {@code srt://...}, {@code tshttp://...}),
 * its failover priority (lower first; null keeps list order), seconds without frames before it
 * counts as lost (given as null: the default of 60, stored and shown as such), and the
 * scheme-specific options ({@code user_agent}, {@code headers}, ...; never null).
 */
public record InputDefinition(String url, Integer priority, Integer sourceTimeout, JsonObject options) {

    public static final String PUBLISH_URL = "publish://";
    public static final int DEFAULT_SOURCE_TIMEOUT = 60;

    public InputDefinition {
        sourceTimeout = sourceTimeout == null ? DEFAULT_SOURCE_TIMEOUT : sourceTimeout;
        options = options == null ? JsonObject.EMPTY_JSON_OBJECT : options;
    }

    /** Whether this input lets publishers push into the stream. */
    public boolean isPublish() {
        return url != null && url.toLowerCase(Locale.ROOT).startsWith(PUBLISH_URL);
    }
}
