package org.openstreamer.ejb.json;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.openstreamer.ejb.model.StreamDefinition;
import org.openstreamer.ejb.error.ConfigException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.openstreamer.ejb.util.Jsonp.JSON;

/**
 * A stream in the v3 JSON shape, both ways: {@code name} and the options of
 * {@link StreamOptionsJson}. The API reads strictly (unknown keys and wrong types are refused); a
 * configuration backend's documents are read leniently (unknown keys skipped and reported).
 * {@code stats}, which GET adds, is accepted and ignored, so what GET returns PUT accepts.
 */
public final class StreamJson {

    public static final String STATS = "stats";
    static final Set<String> KEYS = OptionScope.STREAM.keysWith("name", STATS);

    private StreamJson() {
    }

    /** The stream named {@code name} (from the URL) as described by {@code body}; strict. */
    public static StreamDefinition read(JsonObject body, String name) {
        return read(JsonFields.of(body, null, KEYS), name);
    }

    /** Like {@link #read}, but unknown keys are skipped and listed in the result. */
    public static JsonRead<StreamDefinition> readLenient(JsonObject body, String name) {
        List<String> ignored = new ArrayList<>();
        StreamDefinition d = read(JsonFields.lenient(body, null, KEYS, ignored), name);
        return new JsonRead<>(d, ignored);
    }

    /** A stream of a list from elsewhere, named by its own {@code name}; lenient. */
    public static JsonRead<StreamDefinition> readLenient(JsonObject body) {
        if (!(body.get("name") instanceof jakarta.json.JsonString name)) {
            throw ConfigException.invalid(ConfigException.MISSING_VALUE, "name", "A stream needs a name (a string).");
        }
        return readLenient(body, name.getString());
    }

    public static JsonObject write(StreamDefinition d) {
        return writer(d).build();
    }

    /** The stream's JSON, open for the caller to add {@code stats}. */
    public static JsonObjectBuilder writer(StreamDefinition d) {
        JsonObjectBuilder b = JSON.createObjectBuilder().add("name", d.name());
        StreamOptionsJson.write(d.options(), OptionScope.STREAM, b);
        return b;
    }

    private static StreamDefinition read(JsonFields f, String name) {
        String bodyName = f.string("name");
        if (bodyName != null && !bodyName.equals(name)) {
            throw ConfigException.invalid(ConfigException.NAME_MISMATCH, "name",
                    "The body names stream '" + bodyName + "' but the URL names '" + name + "'.");
        }
        return new StreamDefinition(name, StreamOptionsJson.read(f, OptionScope.STREAM));
    }
}
