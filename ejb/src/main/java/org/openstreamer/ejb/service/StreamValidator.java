package org.openstreamer.ejb.service;

import org.openstreamer.ejb.model.StreamDefinition;

/**
 * Checks a stream's configuration before anything is written: its name, title, segment options,
 * inputs, SRT endpoints (see {@link SrtEndpointValidator}) and the size of {@code meta}. Port
 * conflicts with other owners need the database and are found by {@link SrtPortRegistry}.
 */
public final class StreamValidator {

    public static final int MAX_TITLE = 255;
    public static final int MAX_META_CHARS = 16 * 1024;

    private StreamValidator() {
    }

    public static void validate(StreamDefinition d) {
        StreamNames.validate(d.name(), "name");
        if (d.title() != null && (d.title().length() > MAX_TITLE || d.title().chars().anyMatch(c -> c < 0x20))) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, "title",
                    "A title has at most " + MAX_TITLE + " characters and no control characters.");
        }
        range(d.segmentDuration(), 1, 60, "segment_duration", "seconds");
        range(d.segmentCount(), 1, 100, "segment_count", "segments");
        InputValidator.validate(d.inputs());
        SrtEndpointValidator.validate(d.endpoints(), false, "this stream");
        if (d.meta().toString().length() > MAX_META_CHARS) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, "meta",
                    "meta holds at most " + MAX_META_CHARS + " characters of JSON.");
        }
    }

    static void range(int value, int min, int max, String field, String unit) {
        if (value < min || value > max) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, field,
                    field + " is between " + min + " and " + max + " " + unit + ".");
        }
    }
}
