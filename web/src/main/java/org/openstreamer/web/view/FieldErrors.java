package org.openstreamer.web.view;

import org.openstreamer.ejb.error.ConfigException;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * The refusals of the last save, by the field the API names ({@code listeners.srt[0].ports},
 * {@code segment_duration}); a refusal without a field is kept under "". Each is also shown above
 * the form, so that one about a field the page has no input for is still seen.
 */
final class FieldErrors implements Serializable {

    private final Map<String, String> errors = new HashMap<>();

    void clear() {
        errors.clear();
    }

    void put(String field, String message) {
        errors.put(field, message);
    }

    /**
     * Records the API's refusal in {@code e} (a {@link ConfigException} somewhere in its causes)
     * and says so above the form; rethrows anything else.
     */
    void explain(RuntimeException e) {
        ConfigException c = Faces.configError(e);
        if (c == null) {
            throw e;
        }
        String field = c.field() == null ? "" : c.field();
        errors.put(field, c.getMessage());
        Faces.error(field.isEmpty() ? c.getMessage() : field + ": " + c.getMessage());
    }

    String get(String field) {
        return errors.get(field);
    }

    /** The messages about the fields {@code which} accepts, joined; null when none. */
    String matching(java.util.function.Predicate<String> which) {
        String joined = errors.entrySet().stream().filter(e -> which.test(e.getKey()))
                .map(e -> e.getKey().isEmpty() ? e.getValue() : e.getKey() + ": " + e.getValue())
                .collect(java.util.stream.Collectors.joining(" "));
        return joined.isEmpty() ? null : joined;
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }
}
