package org.openstreamer.ejb.validate;

import org.openstreamer.connector.api.StreamName;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.model.PublishLocationDefinition;
import org.openstreamer.ejb.model.StreamDefinition;
import org.openstreamer.ejb.model.StreamTemplateDefinition;

/**
 * Checks a stream, publish location or template before anything is written: its name (or
 * prefix) and its options ({@link StreamOptionsValidator}).
 */
public final class StreamValidator {

    private StreamValidator() {
    }

    public static void validate(StreamDefinition d) {
        validateName(d.name(), "name");
        StreamOptionsValidator.validate(d.options(), true);
    }

    public static void validate(PublishLocationDefinition l) {
        validatePrefix(l.prefix());
        StreamOptionsValidator.validate(l.options(), false);
    }

    public static void validate(StreamTemplateDefinition t) {
        validateName(t.name(), "name");
        validatePrefix(t.prefix());
        StreamOptionsValidator.validate(t.options(), false);
    }

    /** The prefix of a publish location or template: required, and itself a valid stream name. */
    private static void validatePrefix(String prefix) {
        if (prefix == null) {
            throw ConfigException.invalid(ConfigException.MISSING_VALUE, "prefix",
                    "A prefix is required: the names it applies to start with PREFIX/.");
        }
        validateName(prefix, "prefix");
    }

    /** The connector's one name rule ({@link StreamName}), refused as an invalid value of {@code field}. */
    private static void validateName(String name, String field) {
        String problem = StreamName.problem(name);
        if (problem != null) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, field, problem);
        }
    }
}
