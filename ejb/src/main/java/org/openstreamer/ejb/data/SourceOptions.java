package org.openstreamer.ejb.data;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options of a pulled input as the engine takes them: a flat map of the ones its clients act
 * on ({@code user_agent}, {@code header.NAME} from {@code headers}, {@code skip_stalled_check},
 * {@code tls_verify}, {@code tracks} and {@code pids} as numbers separated by commas, {@code program}).
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
        for (String name : new String[] {"tracks", "pids"}) { // rtsp:// media descriptions; MPTS elementary PIDs
            if (options.get(name) instanceof JsonArray numbers) {
                StringBuilder list = new StringBuilder();
                numbers.forEach(v -> list.append(list.length() == 0 ? "" : ",").append(v));
                out.put(name, list.toString());
            }
        }
        if (options.get("program") instanceof JsonNumber program) { // the program of an MPTS to take
            out.put("program", program.toString());
        }
        for (String name : new String[] {"skip_stalled_check", "tls_verify"}) { // tls_verify: rtmps:// certificates
            JsonValue flag = options.get(name);
            if (flag == JsonValue.TRUE || flag == JsonValue.FALSE) {
                out.put(name, Boolean.toString(flag == JsonValue.TRUE));
            }
        }
        return out;
    }
}
