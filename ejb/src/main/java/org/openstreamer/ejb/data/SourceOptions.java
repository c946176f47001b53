package org.openstreamer.ejb.data;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options of a pulled input as the engine takes them: a flat map of the ones its clients act
 * on ({@code user_agent}, {@code header.NAME} from {@code headers}, {@code skip_stalled_check},
 * {@code tracks} as numbers separated by commas).
 * The others are stored and shown, but not sent.
 */
final class SourceOptions {

    private SourceOptions() {
    }

    static Map<String, String> of(JsonObject options) {
        Map<String, String> out = new LinkedHashMap<>();
        if (options == null) {
            return out;
        }
        if (options.get("user_agent") instanceof JsonString s) {
            out.put("user_agent", s.getString());
        }
        if (options.get("headers") instanceof JsonObject headers) {
            headers.forEach((name, value) -> {
                if (value instanceof JsonString s) {
                    out.put("header." + name, s.getString());
                }
            });
        }
        if (options.get("tracks") instanceof JsonArray tracks) { // rtsp://: the media descriptions to take
            StringBuilder list = new StringBuilder();
            tracks.forEach(v -> list.append(list.length() == 0 ? "" : ",").append(v));
            out.put("tracks", list.toString());
        }
        JsonValue skip = options.get("skip_stalled_check");
        if (skip == JsonValue.TRUE || skip == JsonValue.FALSE) {
            out.put("skip_stalled_check", Boolean.toString(skip == JsonValue.TRUE));
        }
        return out;
    }
}
