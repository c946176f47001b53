package org.openstreamer.ejb.model;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.util.List;
import java.util.Map;

import static org.openstreamer.ejb.util.Jsonp.JSON;

/**
 * Event data (strings, booleans, numbers, lists, maps: see the connector's {@code EventData}) as
 * JSON-P values, numbers as numbers. A rate libsrt could not compute (NaN) has no JSON form: null.
 */
public final class JsonValues {

    private JsonValues() {
    }

    public static JsonObject object(Map<String, ?> data) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        data.forEach((k, v) -> b.add(k, value(v)));
        return b.build();
    }

    static JsonValue value(Object v) {
        if (v == null) {
            return JsonValue.NULL;
        }
        if (v instanceof String s) {
            return JSON.createValue(s);
        }
        if (v instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (v instanceof Integer i) {
            return JSON.createValue(i);
        }
        if (v instanceof Long l) {
            return JSON.createValue(l);
        }
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? JsonValue.NULL : JSON.createValue(d);
        }
        if (v instanceof Map<?, ?> m) {
            JsonObjectBuilder b = JSON.createObjectBuilder();
            m.forEach((k, x) -> b.add(String.valueOf(k), value(x)));
            return b.build();
        }
        if (v instanceof List<?> l) {
            JsonArrayBuilder b = JSON.createArrayBuilder();
            l.forEach(x -> b.add(value(x)));
            return b.build();
        }
        return JSON.createValue(v.toString());
    }
}
