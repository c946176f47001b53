package org.openstreamer.ejb.config.text;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.openstreamer.ejb.json.NotifySinkJson;
import org.openstreamer.ejb.model.InputDefinition;
import org.openstreamer.ejb.model.Push;
import org.openstreamer.ejb.model.StreamOptions;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Writing an imported configuration back to text, and comparing two imports. */
final class RoundTrip {

    /** Settings the writer leaves out at their default value, which the API restores on reading. */
    private static final Map<String, JsonValue> DEFAULTS = Map.of(
            "segment_duration", Json.createValue(StreamOptions.DEFAULT_SEGMENT_DURATION),
            "segment_count", Json.createValue(StreamOptions.DEFAULT_SEGMENT_COUNT),
            "retry_limit", Json.createValue(StreamOptions.DEFAULT_RETRY_LIMIT),
            "clients_timeout", Json.createValue(StreamOptions.DEFAULT_CLIENTS_TIMEOUT),
            "disabled", JsonValue.FALSE,
            "publish_enabled", JsonValue.FALSE);
    private static final Map<String, JsonValue> INPUT_DEFAULTS = Map.of(
            "source_timeout", Json.createValue(InputDefinition.DEFAULT_SOURCE_TIMEOUT));
    private static final Map<String, JsonValue> PUSH_DEFAULTS = Map.of(
            "retry_timeout", Json.createValue(Push.DEFAULT_RETRY_TIMEOUT));

    private RoundTrip() {
    }

    static String text(ImportedConfig c) {
        TextConfigWriter w = new TextConfigWriter().server(c.server().json());
        c.streams().forEach(b -> w.stream(b.json()));
        c.live().forEach(b -> w.live(b.json()));
        c.templates().forEach(b -> w.template(b.json()));
        c.sinks().forEach(b -> w.notify(NotifySinkJson.write(NotifySinkJson.read(b.json(), b.name()))));
        return w.text();
    }

    static void assertSameJson(ImportedConfig expected, ImportedConfig actual) {
        assertEquals(expected.server().json(), actual.server().json());
        assertEquals(json(expected.streams()), json(actual.streams()));
        assertEquals(json(expected.live()), json(actual.live()));
        assertEquals(json(expected.templates()), json(actual.templates()));
        assertEquals(expected.sinks().stream().map(b -> NotifySinkJson.read(b.json(), b.name())).toList(),
                actual.sinks().stream().map(b -> NotifySinkJson.read(b.json(), b.name())).toList());
    }

    /** {@code json} without the settings at their default value. */
    static JsonObject withoutDefaults(JsonObject json) {
        var b = Json.createObjectBuilder(withoutDefaults(json, DEFAULTS));
        for (var list : Map.of("inputs", INPUT_DEFAULTS, "pushes", PUSH_DEFAULTS).entrySet()) {
            if (json.get(list.getKey()) instanceof JsonArray items) {
                var a = Json.createArrayBuilder();
                items.forEach(i -> a.add(i instanceof JsonObject o ? withoutDefaults(o, list.getValue()) : i));
                b.add(list.getKey(), a);
            }
        }
        return b.build();
    }

    private static JsonObject withoutDefaults(JsonObject json, Map<String, JsonValue> defaults) {
        var b = Json.createObjectBuilder(json);
        defaults.forEach((key, value) -> {
            if (value.equals(json.get(key))) {
                b.remove(key);
            }
        });
        return b.build();
    }

    private static List<JsonObject> json(List<ImportedBlock> blocks) {
        return blocks.stream().map(b -> withoutDefaults(b.json())).toList();
    }
}
