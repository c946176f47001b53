package org.openstreamer.ejb.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.openstreamer.ejb.model.HttpListener;
import org.openstreamer.ejb.model.PlaybackDefaults;
import org.openstreamer.ejb.model.ServerConfigDefinition;
import org.openstreamer.ejb.model.SrtListenerRange;
import org.openstreamer.ejb.error.ConfigException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.openstreamer.ejb.util.Jsonp.JSON;

/**
 * The server-wide settings in the v3 JSON shape: {@code srt}, {@code srt_publish},
 * {@code srt_play} (global SRT ports), {@code listeners} ({@code {"srt":[{"mode":"publish",
 * "ports":{"first":N,"last":M}}], "http":[{"port":8081}], "rtmp":[{"port":1935}]}}; an SRT port or
 * range may name the {@code address} it listens on; RTMP has one port, on every address),
 * {@code config_external},
 * {@code url_prefix}, {@code cluster_key}, and the playback defaults {@code on_play} (older name
 * {@code auth}), {@code max_sessions}, {@code no_auto_token}, {@code soft_limitation} and {@code auth_backends} (the named
 * backends: {@code {"main": ["allow ip 10.10/16", "backend http://...", "allow default"]}}). A PUT body describes all of them: what it leaves out
 * is cleared.
 */
public final class ServerConfigJson {

    static final Set<String> KEYS = Set.of("srt", "srt_publish", "srt_play", "listeners", "config_external",
            "url_prefix", "cluster_key", "on_play", "auth", "max_sessions", "no_auto_token", "auth_backends", "soft_limitation");

    private ServerConfigJson() {
    }

    public static ServerConfigDefinition read(JsonObject body) {
        JsonFields f = JsonFields.of(body, null, KEYS);
        List<SrtListenerRange> listeners = List.of();
        List<HttpListener> http = List.of();
        Integer rtmp = null;
        if (f.has("listeners")) {
            JsonFields l = f.nested("listeners", Set.of("srt", "http", "rtmp"));
            listeners = listeners(l, l.array("srt"));
            http = http(l, l.array("http"));
            rtmp = rtmp(l, l.array("rtmp"));
        }
        return new ServerConfigDefinition(SrtEndpointJson.read(f, "srt", true), SrtEndpointJson.read(f, "srt_publish", true),
                SrtEndpointJson.read(f, "srt_play", true), listeners, f.string("config_external"), http,
                f.string("url_prefix"), f.string("cluster_key"), rtmp,
                new PlaybackDefaults(StreamOptionsJson.onPlay(f), f.integer("max_sessions"), f.bool("no_auto_token", false),
                        authBackends(f), f.bool("soft_limitation", false)));
    }

    /** {@code auth_backends}: name to the block's rule lines (checked by the validator). */
    static Map<String, List<String>> authBackends(JsonFields f) {
        Map<String, List<String>> named = new LinkedHashMap<>();
        if (!f.has("auth_backends")) {
            return named;
        }
        JsonObject o = f.object("auth_backends");
        for (Map.Entry<String, JsonValue> e : o.entrySet()) {
            String field = "auth_backends." + e.getKey();
            if (e.getValue().getValueType() != JsonValue.ValueType.ARRAY) {
                throw JsonFields.wrongType(field, "a list of rules (\"allow ip 10.10/16\")");
            }
            List<String> rules = new ArrayList<>();
            for (JsonValue v : e.getValue().asJsonArray()) {
                if (!(v instanceof JsonString s)) {
                    throw JsonFields.wrongType(field, "a list of rules (\"allow ip 10.10/16\")");
                }
                rules.add(s.getString());
            }
            named.put(e.getKey(), rules);
        }
        return named;
    }

    public static JsonObject write(ServerConfigDefinition c) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        c.endpoints().forEach((kind, e) -> b.add(kind.key(), SrtEndpointJson.write(e)));
        JsonArrayBuilder srt = JSON.createArrayBuilder();
        c.listeners().forEach(l -> {
            JsonObjectBuilder o = JSON.createObjectBuilder().add("mode", l.mode())
                    .add("ports", JSON.createObjectBuilder().add("first", l.first()).add("last", l.last()));
            srt.add(l.address() == null ? o : o.add("address", l.address()));
        });
        JsonObjectBuilder listeners = JSON.createObjectBuilder().add("srt", srt);
        if (!c.http().isEmpty()) {
            JsonArrayBuilder http = JSON.createArrayBuilder();
            c.http().forEach(l -> {
                JsonObjectBuilder o = JSON.createObjectBuilder();
                if (l.address() != null) {
                    o.add("address", l.address());
                }
                http.add(o.add("port", l.port()));
            });
            listeners.add("http", http);
        }
        if (c.rtmpPort() != null) {
            listeners.add("rtmp", JSON.createArrayBuilder().add(JSON.createObjectBuilder().add("port", c.rtmpPort())));
        }
        b.add("listeners", listeners);
        if (c.configExternal() != null) {
            b.add("config_external", c.configExternal());
        }
        if (c.urlPrefix() != null) {
            b.add("url_prefix", c.urlPrefix());
        }
        if (c.clusterKey() != null) {
            b.add("cluster_key", c.clusterKey());
        }
        if (c.playback().onPlay() != null) {
            b.add("on_play", c.playback().onPlay());
        }
        if (c.playback().maxSessions() != null) {
            b.add("max_sessions", c.playback().maxSessions());
        }
        if (c.playback().noAutoToken()) {
            b.add("no_auto_token", true);
        }
        if (c.playback().softLimitation()) {
            b.add("soft_limitation", true);
        }
        if (!c.playback().authBackends().isEmpty()) {
            JsonObjectBuilder named = JSON.createObjectBuilder();
            c.playback().authBackends().forEach((name, rules) -> named.add(name, JSON.createArrayBuilder(rules)));
            b.add("auth_backends", named);
        }
        return b.build();
    }

    private static List<HttpListener> http(JsonFields parent, JsonArray array) {
        List<HttpListener> http = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonFields l = parent.element(array.get(i), "listeners.http[" + i + "]", Set.of("address", "port"));
            Integer port = l.integer("port");
            if (port == null) {
                throw ConfigException.invalid(ConfigException.MISSING_VALUE, l.field("port"), "An HTTP listener has a port.");
            }
            http.add(new HttpListener(l.string("address"), port));
        }
        return http;
    }

    /** {@code [{"port":N}]}: one port (0 turns RTMP off), or null when the array is empty. */
    private static Integer rtmp(JsonFields parent, JsonArray array) {
        if (array.isEmpty()) {
            return null;
        }
        if (array.size() > 1) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, parent.field("rtmp"),
                    "The server has one RTMP port: \"rtmp\":[{\"port\":1935}].");
        }
        JsonFields l = parent.element(array.get(0), "listeners.rtmp[0]", Set.of("port"));
        Integer port = l.integer("port");
        if (port == null) {
            throw ConfigException.invalid(ConfigException.MISSING_VALUE, l.field("port"), "The RTMP listener has a port (0 for none).");
        }
        return port;
    }

    private static List<SrtListenerRange> listeners(JsonFields parent, JsonArray array) {
        List<SrtListenerRange> ranges = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String field = "listeners.srt[" + i + "]";
            JsonFields l = parent.element(array.get(i), field, Set.of("mode", "ports", "address"));
            if (!l.has("mode") || !l.has("ports")) {
                throw ConfigException.invalid(ConfigException.MISSING_VALUE, l.field(l.has("mode") ? "ports" : "mode"),
                        "A listener has a mode (publish or play) and ports {\"first\":N,\"last\":M}.");
            }
            JsonFields ports = l.nested("ports", Set.of("first", "last"));
            Integer first = ports.integer("first");
            Integer last = ports.integer("last");
            if (first == null || last == null) {
                throw ConfigException.invalid(ConfigException.MISSING_VALUE, ports.field(first == null ? "first" : "last"),
                        "A listener's ports need both first and last.");
            }
            ranges.add(new SrtListenerRange(l.string("mode"), first, last, l.string("address")));
        }
        return ranges;
    }
}
