package org.openstreamer.ejb.config.text;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.openstreamer.connector.api.DrmSettings;
import org.openstreamer.connector.api.SrtEndpoint;
import org.openstreamer.ejb.model.InputDefinition;
import org.openstreamer.ejb.model.Push;
import org.openstreamer.ejb.model.StreamOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Map.entry;

/**
 * Writes the configuration in the text format, from the same JSON the API serves, so that
 * reading the text back ({@link ConfigTextReader}) gives the same JSON. Settings at their default
 * are left out (the reader restores them). A key this writer has no directive for is kept as a
 * comment, never dropped silently.
 */
public final class TextConfigWriter {

    /** Stream keys in the order they are written, each with its directive writer. */
    private static final Map<String, KeyWriter> STREAM_KEYS = ordered(
            entry("prefix", (w, k, v) -> w.line("prefix", TextWriter.word(string(v)))),
            entry("title", (w, k, v) -> w.line("title", TextWriter.word(string(v)))),
            entry("disabled", TextConfigWriter::flag),
            entry("publish_enabled", TextConfigWriter::flag),
            entry("inputs", (w, k, v) -> v.asJsonArray().forEach(i -> input(w, i.asJsonObject()))),
            entry("srt", TextConfigWriter::srt),
            entry("srt_publish", TextConfigWriter::srt),
            entry("srt_play", TextConfigWriter::srt),
            entry("segment_duration", (w, k, v) -> number(w, k, v, StreamOptions.DEFAULT_SEGMENT_DURATION)),
            entry("segment_count", (w, k, v) -> number(w, k, v, StreamOptions.DEFAULT_SEGMENT_COUNT)),
            entry("thumbnails", TextConfigWriter::flag),
            entry("dvr", (w, k, v) -> dvr(w, v.asJsonObject())),
            entry("pushes", (w, k, v) -> v.asJsonArray().forEach(p -> push(w, p.asJsonObject()))),
            entry("on_publish", TextConfigWriter::text),
            entry("on_play", TextConfigWriter::text),
            entry("max_sessions", (w, k, v) -> number(w, k, v, -1)),
            entry("soft_limitation", (w, k, v) -> w.line(k, v == JsonValue.TRUE ? "true" : "false")),
            entry("domains", (w, k, v) -> {
                List<String> words = new ArrayList<>(List.of(k));
                v.asJsonArray().getValuesAs(JsonString::getString).forEach(d -> words.add(TextWriter.word(d)));
                w.line(words.toArray(String[]::new));
            }),
            entry("max_bitrate", (w, k, v) -> number(w, k, v, -1)),
            entry("password", TextConfigWriter::text),
            entry("backup", TextConfigWriter::text),
            entry("rtp", TextConfigWriter::text),
            entry("frames_timeout", (w, k, v) -> number(w, k, v, -1)),
            entry("retry_limit", (w, k, v) -> number(w, k, v, StreamOptions.DEFAULT_RETRY_LIMIT)),
            entry("clients_timeout", (w, k, v) -> number(w, k, v, StreamOptions.DEFAULT_CLIENTS_TIMEOUT)),
            entry("drm", (w, k, v) -> drm(w, v.asJsonObject())),
            entry("meta", (w, k, v) -> v.asJsonObject().forEach((name, value) -> meta(w, name, value))));

    /** Keys written in a block's first line, not inside it. */
    private static final Set<String> HEADER_KEYS = Set.of("name", "static");

    private static final Map<String, KeyWriter> SERVER_KEYS = ordered(
            entry("listeners", (w, k, v) -> listeners(w, v.asJsonObject())),
            entry("srt", TextConfigWriter::srt),
            entry("srt_publish", TextConfigWriter::srt),
            entry("srt_play", TextConfigWriter::srt),
            entry("config_external", TextConfigWriter::text),
            entry("url_prefix", TextConfigWriter::text),
            entry("cluster_key", TextConfigWriter::text),
            entry("on_play", TextConfigWriter::text),
            entry("max_sessions", (w, k, v) -> number(w, k, v, -1)),
            entry("no_auto_token", TextConfigWriter::flag),
            entry("soft_limitation", TextConfigWriter::flag),
            entry("auth_backends", (w, k, v) -> v.asJsonObject().forEach((name, rules) -> authBackend(w, name, rules))));

    @FunctionalInterface
    private interface KeyWriter {
        void write(TextWriter w, String key, JsonValue value);
    }

    private final TextWriter w = new TextWriter();

    /** A comment at the current place ({@code # ...} lines). */
    public TextConfigWriter comment(String text) {
        w.comment(text);
        return this;
    }

    /** The server's global settings, as {@code GET /config} shows them. */
    public TextConfigWriter server(JsonObject server) {
        w.blank();
        keys(server, SERVER_KEYS, Set.of());
        return this;
    }

    /** One stream, as {@code GET /streams/NAME} shows it: {@code stream}, or {@code ondemand} when not static. */
    public TextConfigWriter stream(JsonObject stream) {
        boolean onDemand = stream.get("static") == JsonValue.FALSE;
        return block(onDemand ? "ondemand" : "stream", stream.getString("name"), stream, HEADER_KEYS);
    }

    /** A publish location, as {@code GET /live/PREFIX} shows it: {@code live PREFIX { ... }}. */
    public TextConfigWriter live(JsonObject live) {
        return block("live", live.getString("prefix"), live, Set.of("prefix"));
    }

    /** A template: {@code template NAME { prefix P; input URL/%s; }}. */
    public TextConfigWriter template(JsonObject template) {
        return block("template", template.getString("name"), template, HEADER_KEYS);
    }

    /** An event sink, as {@code GET /notify/NAME} shows it: {@code notify NAME { sink URL; ... }}. */
    public TextConfigWriter notify(JsonObject sink) {
        w.blank();
        w.open("notify", TextWriter.word(sink.getString("name")));
        w.line("sink", TextWriter.word(sink.getString("sink")));
        for (String kind : List.of("only", "except")) {
            for (JsonValue rule : sink.getJsonArray(kind)) {
                List<String> words = new ArrayList<>(List.of(kind));
                rule.asJsonObject().forEach((key, values) -> words.add(TextWriter.option(key,
                        String.join(",", values.asJsonArray().getValuesAs(JsonString::getString)))));
                w.line(words.toArray(String[]::new));
            }
        }
        if (sink.containsKey("sign_key")) {
            w.line("sign_key", TextWriter.word(sink.getString("sign_key")));
        }
        if (!"debug".equals(sink.getString("verbose", "debug"))) {
            w.line("verbose", sink.getString("verbose"));
        }
        w.close();
        return this;
    }

    public String text() {
        return w.text();
    }

    private TextConfigWriter block(String keyword, String name, JsonObject json, Set<String> header) {
        w.blank();
        w.open(keyword, TextWriter.word(name));
        keys(json, STREAM_KEYS, header);
        w.close();
        return this;
    }

    private void keys(JsonObject json, Map<String, KeyWriter> writers, Set<String> header) {
        writers.forEach((key, writer) -> {
            JsonValue v = json.get(key);
            if (v != null && v != JsonValue.NULL && !header.contains(key)) {
                writer.write(w, key, v);
            }
        });
        json.forEach((key, value) -> {
            if (!writers.containsKey(key) && !header.contains(key) && value != JsonValue.NULL) {
                w.comment("not expressible in the text format: \"" + key + "\": " + value);
            }
        });
    }

    /** {@code auth_backend NAME { allow ip 10.10/16; ... }}: each stored rule line is a directive (already quoted as read). */
    private static void authBackend(TextWriter w, String name, JsonValue rules) {
        w.blank();
        w.open("auth_backend", TextWriter.word(name));
        rules.asJsonArray().getValuesAs(JsonString::getString).forEach(w::line);
        w.close();
    }

    private static void flag(TextWriter w, String key, JsonValue v) {
        if (v == JsonValue.TRUE) {
            w.line(key);
        }
    }

    private static void text(TextWriter w, String key, JsonValue v) {
        w.line(key, TextWriter.word(string(v)));
    }

    private static void number(TextWriter w, String key, JsonValue v, long defaultValue) {
        if (((JsonNumber) v).longValue() != defaultValue) {
            w.line(key, v.toString());
        }
    }

    private static void input(TextWriter w, JsonObject input) {
        List<String> words = new ArrayList<>(List.of("input", TextWriter.word(input.getString("url"))));
        input.forEach((key, value) -> {
            if (key.equals("url") || key.equals("source_timeout") && isNumber(value, InputDefinition.DEFAULT_SOURCE_TIMEOUT)) {
                return;
            }
            if (key.equals("headers") && value.getValueType() == JsonValue.ValueType.OBJECT) {
                value.asJsonObject().forEach((name, header) -> words.add(
                        TextWriter.option(InputDirective.HEADER_PREFIX + name, string(header))));
            } else {
                words.add(option(key, value));
            }
        });
        w.line(words.toArray(String[]::new));
    }

    private static void push(TextWriter w, JsonObject push) {
        List<String> words = new ArrayList<>(List.of("push", TextWriter.word(push.getString("url"))));
        push.forEach((key, value) -> {
            if (key.equals("disabled")) {
                if (value == JsonValue.TRUE) {
                    words.add("disabled");
                }
            } else if (!key.equals("url") && !(key.equals("retry_timeout") && isNumber(value, Push.DEFAULT_RETRY_TIMEOUT))) {
                words.add(option(key, value));
            }
        });
        w.line(words.toArray(String[]::new));
    }

    private static boolean isNumber(JsonValue value, long number) {
        return value instanceof JsonNumber n && n.isIntegral() && n.longValue() == number;
    }

    /** {@code key=value} for a JSON value: a string, a number, true/false, or a list of numbers. */
    private static String option(String key, JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> TextWriter.option(key, string(value));
            case ARRAY -> key + "=" + String.join(",", value.asJsonArray().stream().map(JsonValue::toString).toList());
            default -> key + "=" + value;
        };
    }

    private static void srt(TextWriter w, String key, JsonValue v) {
        JsonObject e = v.asJsonObject();
        boolean defaultLatency = !e.containsKey("latency") || e.getInt("latency") == SrtEndpoint.DEFAULT_LATENCY_MS;
        if (e.size() == (e.containsKey("latency") ? 1 : 0) && defaultLatency) {
            w.line(key); // no port, no passphrase, the default latency: only the endpoint itself
            return;
        }
        if (e.containsKey("port") && e.size() == (e.containsKey("latency") ? 2 : 1) && defaultLatency) {
            w.line(key, e.get("port").toString());
            return;
        }
        w.open(key);
        e.forEach((name, value) -> {
            if (!name.equals("latency") || !defaultLatency) {
                w.line(name, value instanceof JsonString s ? TextWriter.word(s.getString()) : value.toString());
            }
        });
        w.close();
    }

    private static void dvr(TextWriter w, JsonObject dvr) {
        List<String> words = new ArrayList<>();
        words.add(dvr.get("offline") == JsonValue.TRUE ? "dvr_offline" : "dvr");
        words.add(TextWriter.word(dvr.getString("root")));
        dvr.forEach((key, value) -> {
            switch (key) {
                case "root", "offline" -> { }
                case "depth" -> words.add(Units.formatDuration(((JsonNumber) value).longValue()));
                case "disk_limit" -> words.add(value + "%");
                case "storage_limit" -> words.add(Units.formatBytes(((JsonNumber) value).longValue()));
                default -> words.add(option(key, value));
            }
        });
        w.line(words.toArray(String[]::new));
    }

    /** {@code drm aes128 [keyserver=URL] [key_rotation=S] [allow_clear];}, defaults left out. */
    private static void drm(TextWriter w, JsonObject drm) {
        List<String> words = new ArrayList<>(List.of("drm", TextWriter.word(drm.getString("method"))));
        if (drm.containsKey("keyserver")) {
            words.add(TextWriter.option("keyserver", drm.getString("keyserver")));
        }
        if (drm.containsKey("key_rotation") && !isNumber(drm.get("key_rotation"), DrmSettings.DEFAULT_KEY_ROTATION)) {
            words.add(option("key_rotation", drm.get("key_rotation")));
        }
        if (drm.get("allow_clear") == JsonValue.TRUE) {
            words.add("allow_clear");
        }
        w.line(words.toArray(String[]::new));
    }

    private static void meta(TextWriter w, String name, JsonValue value) {
        if (value instanceof JsonString s) {
            w.line("meta", TextWriter.word(name), TextWriter.word(s.getString()));
        } else {
            w.line("meta", TextWriter.word(name), TextWriter.word(value.toString()), "json");
        }
    }

    private static void listeners(TextWriter w, JsonObject listeners) {
        for (String protocol : ServerDirectives.LISTENERS) {
            if (listeners.containsKey(protocol)) {
                listeners.getJsonArray(protocol).forEach(l -> w.line(protocol, address(l.asJsonObject())));
            }
        }
        if (listeners.containsKey("srt") && !listeners.getJsonArray("srt").isEmpty()) {
            w.open("listeners");
            listeners.getJsonArray("srt").forEach(l -> {
                JsonObject r = l.asJsonObject();
                JsonObject ports = r.getJsonObject("ports");
                int first = ports.getInt("first");
                int last = ports.getInt("last");
                String address = r.containsKey("address") ? r.getString("address") + ":" : "";
                w.line("srt", TextWriter.word(r.getString("mode")), address + (first == last ? "" + first : first + "-" + last));
            });
            w.close();
        }
        listeners.forEach((protocol, value) -> {
            if (!protocol.equals("srt") && !ServerDirectives.LISTENERS.contains(protocol)) {
                w.comment("not expressible in the text format: \"listeners." + protocol + "\": " + value);
            }
        });
    }

    private static String address(JsonObject listener) {
        String port = listener.get("port").toString();
        if (!listener.containsKey("address")) {
            return port;
        }
        String address = listener.getString("address");
        return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }

    private static String string(JsonValue v) {
        return v instanceof JsonString s ? s.getString() : v.toString();
    }

    @SafeVarargs
    private static Map<String, KeyWriter> ordered(Map.Entry<String, KeyWriter>... entries) {
        Map<String, KeyWriter> map = new LinkedHashMap<>();
        for (Map.Entry<String, KeyWriter> e : entries) {
            map.put(e.getKey(), e.getValue());
        }
        return map;
    }
}
