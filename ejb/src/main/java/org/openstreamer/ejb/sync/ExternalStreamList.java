package org.openstreamer.ejb.sync;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.openstreamer.ejb.json.JsonRead;
import org.openstreamer.ejb.json.StreamJson;
import org.openstreamer.ejb.model.StreamDefinition;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.validate.StreamValidator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code GET <config_external>streams} read into stream definitions: an object
 * {@code {"streams": [...]}} (or a bare array) of stream objects in the API's shape. Each stream
 * is checked like an API request; a stream that fails is left out and named in
 * {@link #problems()}, the others are kept. Settings this server does not know are ignored and
 * listed in {@link #ignored()}.
 */
record ExternalStreamList(Map<String, StreamDefinition> streams, List<String> problems, List<String> ignored) {

    static ExternalStreamList parse(String body) {
        JsonValue root;
        try {
            root = LenientJson.parse(body);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the answer is not JSON: " + e.getMessage(), e);
        }
        JsonValue list = root;
        if (root.getValueType() == JsonValue.ValueType.OBJECT) {
            list = root.asJsonObject().get("streams");
        }
        if (list == null || list.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new IllegalArgumentException("the answer has no \"streams\" list");
        }
        Map<String, StreamDefinition> streams = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        int index = 0;
        for (JsonValue v : list.asJsonArray()) {
            String where = "streams[" + index++ + "]";
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                problems.add(where + ": not an object");
                continue;
            }
            JsonObject o = v.asJsonObject();
            JsonValue name = o.get("name");
            if (name == null || name.getValueType() != JsonValue.ValueType.STRING) {
                problems.add(where + ": no name");
                continue;
            }
            String n = o.getString("name");
            where = "stream " + n;
            try {
                JsonRead<StreamDefinition> read = StreamJson.readLenient(o, n);
                StreamDefinition d = read.value();
                StreamValidator.validate(d);
                if (streams.putIfAbsent(n, d) != null) {
                    problems.add(where + ": listed twice, the first is kept");
                }
                read.ignored().forEach(k -> ignored.add(n + ": " + k));
            } catch (ConfigException e) {
                problems.add(where + ": " + (e.field() == null ? "" : e.field() + ": ") + e.getMessage());
            }
        }
        return new ExternalStreamList(java.util.Collections.unmodifiableMap(streams), List.copyOf(problems), List.copyOf(ignored));
    }
}
