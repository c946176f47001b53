package org.openstreamer.ejb.notify;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.List;
import java.util.Map;

/**
 * A sink's {@code only} and {@code except} rules. A rule is a set of keys, each with the values it
 * accepts ({@code *}: any value, as long as the key is there); it matches an event when every key
 * does. An event goes to the sink unless an {@code except} rule matches it, and, when there are
 * {@code only} rules, only if one of them does.
 */
public record EventFilter(List<Map<String, List<String>>> only, List<Map<String, List<String>>> except) {

    public static final String ANY = "*";

    public EventFilter {
        only = List.copyOf(only);
        except = List.copyOf(except);
    }

    public boolean accepts(JsonObject event) {
        for (Map<String, List<String>> rule : except) {
            if (matches(rule, event)) {
                return false;
            }
        }
        if (only.isEmpty()) {
            return true;
        }
        for (Map<String, List<String>> rule : only) {
            if (matches(rule, event)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(Map<String, List<String>> rule, JsonObject event) {
        for (Map.Entry<String, List<String>> condition : rule.entrySet()) {
            String value = text(event.get(condition.getKey()));
            if (value == null || !(condition.getValue().contains(ANY) || condition.getValue().contains(value))) {
                return false;
            }
        }
        return true;
    }

    /** Strings and numbers compare as their text; other values (and absent keys) never match. */
    private static String text(JsonValue v) {
        if (v instanceof JsonString s) {
            return s.getString();
        }
        if (v instanceof JsonNumber n) {
            return n.toString();
        }
        if (v == JsonValue.TRUE || v == JsonValue.FALSE) {
            return v.toString();
        }
        return null;
    }
}
