package org.openstreamer.ejb.json;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.openstreamer.ejb.model.InputDefinition;
import org.openstreamer.ejb.model.StreamDefinition;
import org.openstreamer.ejb.service.ConfigException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A stream in the v3 JSON shape, both ways. Reading is strict (unknown keys and wrong types are
 * refused; {@code stats}, the live figures GET adds, is read-only and ignored); absent keys take their defaults, so a PUT body describes the whole stream. Input
 * options other than url, priority and source_timeout are collected for the service to check.
 */
public final class StreamJson {

    /** The live figures {@code GET /streams/NAME} adds: accepted back and ignored, so GET output can be PUT. */
    public static final String STATS = "stats";
    public static final Set<String> KEYS = Set.of("name", "title", "disabled", "publish_enabled", "inputs", "srt",
            "srt_publish", "srt_play", "segment_duration", "segment_count", "meta", STATS);
    private static final Set<String> SRT_KEYS = Set.of("srt", "srt_publish", "srt_play");
    static final Set<String> INPUT_COLUMNS = Set.of("url", "priority", "source_timeout");

    private StreamJson() {
    }

    /** The stream named {@code name} (from the URL) as described by {@code body}. */
    public static StreamDefinition read(JsonObject body, String name) {
        JsonFields f = JsonFields.of(body, null, KEYS);
        String bodyName = f.string("name");
        if (bodyName != null && !bodyName.equals(name)) {
            throw ConfigException.invalid(ConfigException.NAME_MISMATCH, "name",
                    "The body names stream '" + bodyName + "' but the URL names '" + name + "'.");
        }
        return new StreamDefinition(name, f.string("title"), f.bool("disabled", false),
                f.bool("publish_enabled", false), inputs(f.array("inputs")),
                SrtEndpointJson.read(f, "srt"), SrtEndpointJson.read(f, "srt_publish"),
                SrtEndpointJson.read(f, "srt_play"),
                f.integer("segment_duration", StreamDefinition.DEFAULT_SEGMENT_DURATION),
                f.integer("segment_count", StreamDefinition.DEFAULT_SEGMENT_COUNT), f.object("meta"));
    }

    /**
     * Like {@link #read} for a stream object from a configuration backend, which may carry
     * settings this server does not know: unknown keys (top level and SRT endpoints) are left out
     * and added to {@code ignored} by their path instead of being refused.
     */
    public static StreamDefinition readLenient(JsonObject body, String name, List<String> ignored) {
        JsonObjectBuilder kept = Json.createObjectBuilder();
        body.forEach((key, value) -> {
            if (!KEYS.contains(key)) {
                ignored.add(key);
            } else if (SRT_KEYS.contains(key) && value.getValueType() == JsonValue.ValueType.OBJECT) {
                JsonObjectBuilder endpoint = Json.createObjectBuilder();
                value.asJsonObject().forEach((k, v) -> {
                    if (SrtEndpointJson.KEYS.contains(k)) {
                        endpoint.add(k, v);
                    } else {
                        ignored.add(key + "." + k);
                    }
                });
                kept.add(key, endpoint);
            } else {
                kept.add(key, value);
            }
        });
        return read(kept.build(), name);
    }

    public static JsonObject write(StreamDefinition d) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("name", d.name());
        if (d.title() != null) {
            b.add("title", d.title());
        }
        b.add("disabled", d.disabled()).add("publish_enabled", d.publishEnabled());
        JsonArrayBuilder inputs = Json.createArrayBuilder();
        d.inputs().forEach(i -> inputs.add(write(i)));
        b.add("inputs", inputs);
        d.endpoints().forEach((kind, e) -> b.add(kind.key(), SrtEndpointJson.write(e)));
        return b.add("segment_duration", d.segmentDuration()).add("segment_count", d.segmentCount())
                .add("meta", d.meta()).build();
    }

    private static List<InputDefinition> inputs(JsonArray array) {
        List<InputDefinition> inputs = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String field = "inputs[" + i + "]";
            if (array.get(i).getValueType() != JsonValue.ValueType.OBJECT) {
                throw JsonFields.wrongType(field, "an object");
            }
            JsonObject input = array.getJsonObject(i);
            JsonFields f = JsonFields.of(input, field, input.keySet()); // options are checked by the service
            JsonObjectBuilder options = Json.createObjectBuilder();
            input.forEach((key, value) -> {
                if (!INPUT_COLUMNS.contains(key) && value != JsonValue.NULL) {
                    options.add(key, value);
                }
            });
            inputs.add(new InputDefinition(f.string("url"), f.integer("priority"), f.integer("source_timeout"),
                    options.build()));
        }
        return inputs;
    }

    private static JsonObject write(InputDefinition i) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("url", i.url());
        if (i.priority() != null) {
            b.add("priority", i.priority());
        }
        if (i.sourceTimeout() != null) {
            b.add("source_timeout", i.sourceTimeout());
        }
        i.options().forEach(b::add);
        return b.build();
    }
}
