package org.openstreamer.ejb.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.model.NotifySink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.openstreamer.ejb.util.Jsonp.JSON;

/**
 * An event sink in the v3 JSON shape: {@code name}, {@code sink}, {@code only} and {@code except}
 * as lists of rules (each an object of field to a value or a list of values), {@code sign_key},
 * {@code verbose}. Strict: unknown keys are refused.
 */
public final class NotifySinkJson {

    static final Set<String> KEYS = Set.of("name", "sink", "only", "except", "sign_key", "verbose");

    private NotifySinkJson() {
    }

    /** The sink {@code name} (from the URL) as {@code body} describes it. */
    public static NotifySink read(JsonObject body, String name) {
        JsonFields f = JsonFields.of(body, null, KEYS);
        String bodyName = f.string("name");
        if (bodyName != null && !bodyName.equals(name)) {
            throw ConfigException.invalid(ConfigException.NAME_MISMATCH, "name",
                    "The body names sink '" + bodyName + "' but the URL names '" + name + "'.");
        }
        return new NotifySink(name, f.string("sink"), rules(f, "only"), rules(f, "except"),
                f.string("sign_key"), f.string("verbose"));
    }

    public static JsonObject write(NotifySink s) {
        JsonObjectBuilder b = JSON.createObjectBuilder().add("name", s.name()).add("sink", s.sink())
                .add("only", write(s.only())).add("except", write(s.except()));
        if (s.signKey() != null) {
            b.add("sign_key", s.signKey());
        }
        return b.add("verbose", s.verbose()).build();
    }

    private static JsonArrayBuilder write(List<Map<String, List<String>>> rules) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        for (Map<String, List<String>> rule : rules) {
            JsonObjectBuilder o = JSON.createObjectBuilder();
            rule.forEach((k, v) -> o.add(k, JSON.createArrayBuilder(v)));
            list.add(o);
        }
        return list;
    }

    private static List<Map<String, List<String>>> rules(JsonFields f, String key) {
        JsonArray array = f.array(key);
        if (array == null) {
            return List.of();
        }
        List<Map<String, List<String>>> rules = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String at = key + "[" + i + "]";
            if (!(array.get(i) instanceof JsonObject rule)) {
                throw JsonFields.wrongType(at, "an object of field names to values, such as {\"event\": [\"publish_started\"]}");
            }
            Map<String, List<String>> r = new LinkedHashMap<>();
            rule.forEach((field, v) -> r.put(field, values(v, at + "." + field)));
            rules.add(r);
        }
        return rules;
    }

    private static List<String> values(JsonValue v, String at) {
        if (v instanceof JsonString s) {
            return List.of(s.getString());
        }
        if (v instanceof JsonArray a) {
            List<String> values = new ArrayList<>();
            for (JsonValue e : a) {
                if (!(e instanceof JsonString s)) {
                    throw JsonFields.wrongType(at, "a string or a list of strings");
                }
                values.add(s.getString());
            }
            return values;
        }
        throw JsonFields.wrongType(at, "a string or a list of strings");
    }
}
