package org.openstreamer.web.view;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import static org.openstreamer.web.view.FormJson.object;
import static org.openstreamer.web.view.FormJson.put;
import static org.openstreamer.web.view.FormJson.text;
import static org.openstreamer.web.view.FormJson.value;

/**
 * The server settings form: HTTP, RTMP and SRT listeners, SRT port ranges and
 * {@code config_external}, read from and written to the JSON of {@code /streamer/api/v3/config},
 * so the API's reader and validator judge what is typed and name the fields as the API does.
 * The settings the form does not show (url_prefix, cluster_key, playback defaults) are taken from
 * what is stored when saving, never from a copy loaded earlier.
 */
public class ServerSettingsForm implements Serializable {

    /** The keys this form writes; every other key is kept as stored. */
    static final List<String> KEYS = List.of("srt", "srt_publish", "srt_play", "listeners", "config_external");

    /** An extra HTTP listener. */
    public static class HttpRow implements Serializable {
        private String address;
        private String port;

        public String getAddress() { return address; }
        public void setAddress(String v) { address = v; }
        public String getPort() { return port; }
        public void setPort(String v) { port = v; }
    }

    /** A global SRT port ({@code srt}, {@code srt_publish} or {@code srt_play}). */
    public static class Endpoint implements Serializable {
        private final String key;
        private String port;
        private String passphrase;
        private String latency;
        private String address;

        Endpoint(String key) {
            this.key = key;
        }

        public String getKey() { return key; }
        public String getPort() { return port; }
        public void setPort(String v) { port = v; }
        public String getPassphrase() { return passphrase; }
        public void setPassphrase(String v) { passphrase = v; }
        public String getLatency() { return latency; }
        public void setLatency(String v) { latency = v; }
        public String getAddress() { return address; }
        public void setAddress(String v) { address = v; }
    }

    /** An SRT listener port range, resolved through the configuration backend. */
    public static class RangeRow implements Serializable {
        private String mode = "publish";
        private String first;
        private String last;
        private String address;

        public String getMode() { return mode; }
        public void setMode(String v) { mode = v; }
        public String getFirst() { return first; }
        public void setFirst(String v) { first = v; }
        public String getLast() { return last; }
        public void setLast(String v) { last = v; }
        public String getAddress() { return address; }
        public void setAddress(String v) { address = v; }
    }

    private final List<HttpRow> http = new ArrayList<>();
    private String rtmpPort;
    private final List<Endpoint> endpoints = new ArrayList<>();
    private final List<RangeRow> ranges = new ArrayList<>();
    private String configExternal;

    /** The form of the settings as {@code GET /config} shows them. */
    static ServerSettingsForm of(JsonObject json) {
        ServerSettingsForm f = new ServerSettingsForm();
        for (String key : List.of("srt", "srt_publish", "srt_play")) {
            JsonObject o = object(json, key);
            Endpoint e = new Endpoint(key);
            e.port = text(o, "port");
            e.passphrase = text(o, "passphrase");
            e.latency = text(o, "latency");
            e.address = text(o, "address");
            f.endpoints.add(e);
        }
        JsonObject listeners = object(json, "listeners");
        for (JsonValue v : array(listeners, "http")) {
            HttpRow r = new HttpRow();
            r.address = text(v.asJsonObject(), "address");
            r.port = text(v.asJsonObject(), "port");
            f.http.add(r);
        }
        JsonArray rtmp = array(listeners, "rtmp");
        f.rtmpPort = rtmp.isEmpty() ? null : text(rtmp.getJsonObject(0), "port");
        for (JsonValue v : array(listeners, "srt")) {
            JsonObject o = v.asJsonObject();
            RangeRow r = new RangeRow();
            r.mode = text(o, "mode");
            r.first = text(object(o, "ports"), "first");
            r.last = text(object(o, "ports"), "last");
            r.address = text(o, "address");
            f.ranges.add(r);
        }
        f.configExternal = text(json, "config_external");
        return f;
    }

    /** {@code stored} with the form's settings in place of the stored ones. */
    JsonObject toJson(JsonObject stored) {
        JsonObjectBuilder b = Json.createObjectBuilder(stored);
        KEYS.forEach(b::remove);
        for (Endpoint e : endpoints) {
            if (value(e.port, true) == null && value(e.passphrase, false) == null && value(e.address, false) == null) {
                continue; // a latency alone is no endpoint: the field keeps its shown default
            }
            JsonObjectBuilder o = Json.createObjectBuilder();
            put(o, "port", value(e.port, true));
            put(o, "passphrase", value(e.passphrase, false));
            put(o, "latency", value(e.latency, true));
            put(o, "address", value(e.address, false));
            b.add(e.key, o);
        }
        JsonObjectBuilder listeners = Json.createObjectBuilder();
        JsonArrayBuilder srt = Json.createArrayBuilder();
        for (RangeRow r : ranges) {
            JsonObjectBuilder ports = Json.createObjectBuilder();
            put(ports, "first", value(r.first, true));
            put(ports, "last", value(r.last, true));
            JsonObjectBuilder o = Json.createObjectBuilder();
            put(o, "mode", value(r.mode, false));
            o.add("ports", ports);
            put(o, "address", value(r.address, false));
            srt.add(o);
        }
        listeners.add("srt", srt);
        JsonArrayBuilder extra = Json.createArrayBuilder();
        for (HttpRow r : http) {
            JsonObjectBuilder o = Json.createObjectBuilder();
            put(o, "address", value(r.address, false));
            put(o, "port", value(r.port, true));
            extra.add(o);
        }
        listeners.add("http", extra);
        JsonValue rtmp = value(rtmpPort, true);
        if (rtmp != null) {
            listeners.add("rtmp", Json.createArrayBuilder().add(Json.createObjectBuilder().add("port", rtmp)));
        }
        b.add("listeners", listeners);
        put(b, "config_external", value(configExternal, false));
        return b.build();
    }

    private static JsonArray array(JsonObject json, String key) {
        return json != null && json.get(key) instanceof JsonArray a ? a : JsonValue.EMPTY_JSON_ARRAY;
    }

    public void addHttp() {
        http.add(new HttpRow());
    }

    public void removeHttp(int index) {
        http.remove(index);
    }

    public void addRange() {
        ranges.add(new RangeRow());
    }

    public void removeRange(int index) {
        ranges.remove(index);
    }

    public List<HttpRow> getHttp() { return http; }
    public String getRtmpPort() { return rtmpPort; }
    public void setRtmpPort(String v) { rtmpPort = v; }
    public List<Endpoint> getEndpoints() { return endpoints; }
    public List<RangeRow> getRanges() { return ranges; }
    public String getConfigExternal() { return configExternal; }
    public void setConfigExternal(String v) { configExternal = v; }
}
