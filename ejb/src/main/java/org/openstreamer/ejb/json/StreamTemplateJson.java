package org.openstreamer.ejb.json;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.openstreamer.ejb.model.StreamTemplateDefinition;
import org.openstreamer.ejb.error.ConfigException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.openstreamer.ejb.util.Jsonp.JSON;

/**
 * A template in the v3 JSON shape: {@code name}, {@code prefix} and the stream options its streams
 * take (all but {@code static}: they are made on demand). Input and push URLs may hold {@code %s}.
 */
public final class StreamTemplateJson {

    static final Set<String> KEYS = OptionScope.TEMPLATE.keysWith("name", "prefix");

    private StreamTemplateJson() {
    }

    /** The template {@code name} (from the URL) as {@code body} describes it; strict. */
    public static StreamTemplateDefinition read(JsonObject body, String name) {
        OptionScope.TEMPLATE.refuseExcluded(body, "template");
        return read(JsonFields.of(body, null, KEYS), name);
    }

    /** Like {@link #read}, unknown keys skipped and listed (for stored documents and backends). */
    public static JsonRead<StreamTemplateDefinition> readLenient(JsonObject body, String name) {
        List<String> ignored = new ArrayList<>();
        return new JsonRead<>(read(JsonFields.lenient(body, null, KEYS, ignored), name), ignored);
    }

    public static JsonObject write(StreamTemplateDefinition t) {
        JsonObjectBuilder b = JSON.createObjectBuilder().add("name", t.name());
        if (t.prefix() != null) {
            b.add("prefix", t.prefix());
        }
        StreamOptionsJson.write(t.options(), OptionScope.TEMPLATE, b);
        return b.build();
    }

    private static StreamTemplateDefinition read(JsonFields f, String name) {
        String bodyName = f.string("name");
        if (bodyName != null && !bodyName.equals(name)) {
            throw ConfigException.invalid(ConfigException.NAME_MISMATCH, "name",
                    "The body names template '" + bodyName + "' but the URL names '" + name + "'.");
        }
        return new StreamTemplateDefinition(name, f.string("prefix"), StreamOptionsJson.read(f, OptionScope.TEMPLATE));
    }
}
