package org.openstreamer.ejb.json;


import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.openstreamer.ejb.util.Jsonp.JSON;

/**
 * Mutants of a JSON document that stay valid JSON, so that they get past the parser into the readers
 * and validators. The fuzzed bytes are a recipe: each group of three picks an operation, a place in
 * the document and a value.
 */
final class JsonMutants {

    private static final List<JsonValue> VALUES = values();

    private JsonMutants() {
    }

    private static List<JsonValue> values() {
        List<JsonValue> v = new ArrayList<>(List.of(JsonValue.NULL, JsonValue.TRUE, JsonValue.FALSE,
                JsonValue.EMPTY_JSON_ARRAY, JsonValue.EMPTY_JSON_OBJECT));
        for (String s : new String[] {"", " ", "x".repeat(300), "publish://", "rtmp://host/app/name",
                "srt://127.0.0.1:9000", "tshttp://h:1/a", "udp://239.0.0.1:1234", "../../etc", "a/b/c", "8:00-16:00",
                "25:00-1", "5d", "90%", "-1", "\u0000", "caf\u00e9", "%s", "/*", "publish_started"}) {
            v.add(JSON.createValue(s));
        }
        for (long n : new long[] {-1, 0, 1, 9, 10, 79, 80, 65535, 65536, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L,
                Long.MAX_VALUE, Long.MIN_VALUE}) {
            v.add(JSON.createValue(n));
        }
        v.add(JSON.createValue(new BigInteger("99999999999999999999999")));
        v.add(JSON.createValue(new BigDecimal("1.5")));
        v.add(JSON.createValue(new BigDecimal("1e400")));
        v.add(JSON.createValue(new BigDecimal("-0.0")));
        v.add(JSON.createArrayBuilder().add(JSON.createObjectBuilder().add("url", "publish://")).build());
        v.add(JSON.createObjectBuilder().add("port", 9000).build());
        return v;
    }

    static JsonValue apply(JsonValue doc, byte[] recipe) {
        JsonValue out = doc;
        for (int i = 0; i + 2 < recipe.length; i += 3) {
            int op = recipe[i] & 0xFF;
            int[] place = {(recipe[i + 1] & 0xFF) % count(out)};
            JsonValue value = VALUES.get((recipe[i + 2] & 0xFF) % VALUES.size());
            out = mutate(out, op, place, value);
        }
        return out;
    }

    private static int count(JsonValue v) {
        int n = 1;
        if (v instanceof JsonObject o) {
            for (JsonValue e : o.values()) {
                n += count(e);
            }
        } else if (v instanceof JsonArray a) {
            for (JsonValue e : a) {
                n += count(e);
            }
        }
        return n;
    }

    /** Walks depth first; the node where {@code place} counts down to zero gets {@code op}. */
    private static JsonValue mutate(JsonValue v, int op, int[] place, JsonValue value) {
        if (place[0]-- == 0) {
            return switch (op % 5) {
                case 0 -> value; // replace
                case 1 -> v instanceof JsonObject o ? JSON.createObjectBuilder(o).add(key(op), value).build() : value;
                case 2 -> JSON.createArrayBuilder().add(v).build(); // wrap
                case 3 -> v instanceof JsonObject o && !o.isEmpty() // drop a key
                        ? JSON.createObjectBuilder(o).remove(new ArrayList<>(o.keySet()).get(op % o.size())).build() : v;
                default -> v instanceof JsonArray a ? JSON.createArrayBuilder(a).add(a.isEmpty() ? value : a.get(0)).build()
                        : value; // repeat an element
            };
        }
        if (v instanceof JsonObject o) {
            JsonObjectBuilder b = JSON.createObjectBuilder();
            for (Map.Entry<String, JsonValue> e : o.entrySet()) {
                b.add(e.getKey(), mutate(e.getValue(), op, place, value));
            }
            return b.build();
        }
        if (v instanceof JsonArray a) {
            JsonArrayBuilder b = JSON.createArrayBuilder();
            for (JsonValue e : a) {
                b.add(mutate(e, op, place, value));
            }
            return b.build();
        }
        return v;
    }

    private static String key(int op) {
        String[] keys = {"port", "url", "inputs", "passphrase", "latency", "dvr", "root", "depth", "pushes",
                "listeners", "http", "srt", "mode", "ports", "first", "last", "only", "except", "event", "headers",
                "schedule", "meta", "unknown_key"};
        return keys[(op / 5) % keys.length];
    }
}
