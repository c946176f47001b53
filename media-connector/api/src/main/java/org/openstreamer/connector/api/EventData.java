package org.openstreamer.connector.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values an event may carry, those JSON has: strings, booleans, numbers ({@link Integer},
 * {@link Long}, {@link Double}), lists of them and objects with string keys. Checked when an event
 * is made, so that a value with no JSON form (a record, say, which would end up as its
 * {@code toString()}) is refused where it is put in, not found later in the event log.
 */
public final class EventData {

    private EventData() {
    }

    /** An immutable copy in key order, nested lists and objects copied too; null gives an empty map. */
    public static Map<String, Object> copy(Map<String, ?> data) {
        if (data == null || data.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        data.forEach((k, v) -> out.put(checkKey(k), value(k, v)));
        return Collections.unmodifiableMap(out);
    }

    private static String checkKey(Object key) {
        if (!(key instanceof String s)) {
            throw new IllegalArgumentException("event data keys are strings, not " + key);
        }
        return s;
    }

    private static Object value(String key, Object v) {
        if (v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
                || v instanceof Double) {
            return v;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(checkKey(k), value(key + "." + k, x)));
            return Collections.unmodifiableMap(out);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object x : l) {
                out.add(value(key + "[]", x));
            }
            return Collections.unmodifiableList(out);
        }
        throw new IllegalArgumentException("event data " + key + " must be a string, boolean, Integer, Long, Double,"
                + " list or map, not " + (v == null ? "null" : v.getClass().getName()));
    }
}
