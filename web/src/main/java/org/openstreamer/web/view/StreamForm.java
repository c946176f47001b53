package org.openstreamer.web.view;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The stream edit form's fields, read from and written back to the stream's API JSON, so that the
 * API's own reader validates what is typed and its messages name the same fields
 * ({@code inputs[0].url}, {@code srt_publish.passphrase}, {@code segment_duration}). Options the
 * form does not show (meta, backup, push retry settings, input options...) are kept as they were.
 * Number fields are text: "12x" goes to the reader as a string and comes back as its type error.
 */
public class StreamForm implements Serializable {

    /** One input: a URL and its priority and source timeout; {@code rest} keeps its other keys. */
    public static class Input implements Serializable {
        private String url;
        private String priority;
        private String sourceTimeout;
        private String rest = "{}";

        public String getUrl() { return url; }
        public void setUrl(String url) { this.url = url; }
        public String getPriority() { return priority; }
        public void setPriority(String priority) { this.priority = priority; }
        public String getSourceTimeout() { return sourceTimeout; }
        public void setSourceTimeout(String sourceTimeout) { this.sourceTimeout = sourceTimeout; }
    }

    /** One push: its URL; {@code rest} keeps its retry settings. */
    public static class Push implements Serializable {
        private String url;
        private String rest = "{}";

        public String getUrl() { return url; }
        public void setUrl(String url) { this.url = url; }
    }

    private String name;
    private String base = "{}";
    private String title;
    private boolean disabled;
    private boolean publishEnabled = true;
    private final List<Input> inputs = new ArrayList<>();
    private String srtPublishPort;
    private String srtPublishPassphrase;
    private String srtPlayPort;
    private String srtPlayPassphrase;
    private String dvrRoot;
    private String dvrDepth;
    private String dvrDiskLimit;
    private final List<Push> pushes = new ArrayList<>();
    private String onPublish;
    private String onPlay;
    private String segmentDuration;
    private String segmentCount;

    /** The form of a stream as the API writes it ({@code StreamJson.write}). */
    static StreamForm of(String name, JsonObject json) {
        StreamForm f = new StreamForm();
        f.name = name;
        f.base = json.toString();
        f.title = text(json, "title");
        f.disabled = json.getBoolean("disabled", false);
        f.publishEnabled = json.getBoolean("publish_enabled", true);
        for (JsonValue v : json.getJsonArray("inputs") == null ? List.<JsonValue>of() : json.getJsonArray("inputs")) {
            JsonObject o = v.asJsonObject();
            Input i = new Input();
            i.url = text(o, "url");
            i.priority = text(o, "priority");
            i.sourceTimeout = text(o, "source_timeout");
            i.rest = o.toString();
            f.inputs.add(i);
        }
        JsonObject publish = object(json, "srt_publish");
        f.srtPublishPort = text(publish, "port");
        f.srtPublishPassphrase = text(publish, "passphrase");
        JsonObject play = object(json, "srt_play");
        f.srtPlayPort = text(play, "port");
        f.srtPlayPassphrase = text(play, "passphrase");
        JsonObject dvr = object(json, "dvr");
        f.dvrRoot = text(dvr, "root");
        f.dvrDepth = text(dvr, "depth");
        f.dvrDiskLimit = text(dvr, "disk_limit");
        for (JsonValue v : json.getJsonArray("pushes") == null ? List.<JsonValue>of() : json.getJsonArray("pushes")) {
            Push p = new Push();
            p.url = text(v.asJsonObject(), "url");
            p.rest = v.toString();
            f.pushes.add(p);
        }
        f.onPublish = text(json, "on_publish");
        f.onPlay = text(json, "on_play");
        f.segmentDuration = text(json, "segment_duration");
        f.segmentCount = text(json, "segment_count");
        return f;
    }

    /** The stream's JSON with the form's values over the stored ones. */
    JsonObject toJson() {
        JsonObjectBuilder b = Json.createObjectBuilder(Json.createReader(new java.io.StringReader(base)).readObject());
        for (String key : List.of("name", "title", "disabled", "publish_enabled", "inputs", "srt_publish", "srt_play", "dvr",
                "pushes", "on_publish", "on_play", "segment_duration", "segment_count")) {
            b.remove(key);
        }
        put(b, "title", title == null || title.isBlank() ? null : Json.createValue(title));
        b.add("disabled", disabled);
        b.add("publish_enabled", publishEnabled);
        JsonArrayBuilder in = Json.createArrayBuilder();
        for (Input i : inputs) {
            JsonObjectBuilder o = Json.createObjectBuilder(parse(i.rest));
            o.remove("url");
            o.remove("priority");
            o.remove("source_timeout");
            put(o, "url", value(i.url, false));
            put(o, "priority", value(i.priority, true));
            put(o, "source_timeout", value(i.sourceTimeout, true));
            in.add(o);
        }
        b.add("inputs", in);
        endpoint(b, "srt_publish", srtPublishPort, srtPublishPassphrase);
        endpoint(b, "srt_play", srtPlayPort, srtPlayPassphrase);
        if (dvrRoot != null && !dvrRoot.isBlank()) {
            JsonObject stored = object(parse(base), "dvr");
            JsonObjectBuilder d = Json.createObjectBuilder(stored == null ? JsonValue.EMPTY_JSON_OBJECT : stored);
            d.remove("depth");
            d.remove("disk_limit");
            d.add("root", dvrRoot.trim());
            put(d, "depth", value(dvrDepth, true));
            put(d, "disk_limit", value(dvrDiskLimit, true));
            b.add("dvr", d);
        }
        JsonArrayBuilder out = Json.createArrayBuilder();
        for (Push p : pushes) {
            JsonObjectBuilder o = Json.createObjectBuilder(parse(p.rest));
            o.remove("url");
            put(o, "url", value(p.url, false));
            out.add(o);
        }
        b.add("pushes", out);
        put(b, "on_publish", value(onPublish, false));
        put(b, "on_play", value(onPlay, false));
        put(b, "segment_duration", value(segmentDuration, true));
        put(b, "segment_count", value(segmentCount, true));
        return b.build();
    }

    private static void endpoint(JsonObjectBuilder b, String key, String port, String passphrase) {
        JsonValue p = value(port, true);
        JsonValue secret = value(passphrase, false);
        if (p == null && secret == null) {
            return;
        }
        JsonObjectBuilder e = Json.createObjectBuilder();
        put(e, "port", p);
        put(e, "passphrase", secret);
        b.add(key, e);
    }

    /** Blank: absent; a whole number where one is expected: a number; anything else: a string for the reader to judge. */
    private static JsonValue value(String text, boolean number) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        if (number) {
            try {
                return Json.createValue(new BigDecimal(t).longValueExact());
            } catch (ArithmeticException | NumberFormatException e) {
                return Json.createValue(t);
            }
        }
        return Json.createValue(t);
    }

    private static void put(JsonObjectBuilder b, String key, JsonValue v) {
        if (v != null) {
            b.add(key, v);
        }
    }

    private static JsonObject parse(String text) {
        return Json.createReader(new java.io.StringReader(text)).readObject();
    }

    private static JsonObject object(JsonObject json, String key) {
        return json != null && json.get(key) instanceof JsonObject o ? o : null;
    }

    private static String text(JsonObject json, String key) {
        if (json == null) {
            return null;
        }
        JsonValue v = json.get(key);
        if (v instanceof JsonString s) {
            return s.getString();
        }
        if (v instanceof JsonNumber n) {
            return n.toString();
        }
        return null;
    }

    public void addInput() {
        inputs.add(new Input());
    }

    public void removeInput(int index) {
        inputs.remove(index);
    }

    public void addPush() {
        pushes.add(new Push());
    }

    public void removePush(int index) {
        pushes.remove(index);
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public boolean isDisabled() { return disabled; }
    public void setDisabled(boolean disabled) { this.disabled = disabled; }
    public boolean isPublishEnabled() { return publishEnabled; }
    public void setPublishEnabled(boolean publishEnabled) { this.publishEnabled = publishEnabled; }
    public List<Input> getInputs() { return inputs; }
    public String getSrtPublishPort() { return srtPublishPort; }
    public void setSrtPublishPort(String v) { srtPublishPort = v; }
    public String getSrtPublishPassphrase() { return srtPublishPassphrase; }
    public void setSrtPublishPassphrase(String v) { srtPublishPassphrase = v; }
    public String getSrtPlayPort() { return srtPlayPort; }
    public void setSrtPlayPort(String v) { srtPlayPort = v; }
    public String getSrtPlayPassphrase() { return srtPlayPassphrase; }
    public void setSrtPlayPassphrase(String v) { srtPlayPassphrase = v; }
    public String getDvrRoot() { return dvrRoot; }
    public void setDvrRoot(String v) { dvrRoot = v; }
    public String getDvrDepth() { return dvrDepth; }
    public void setDvrDepth(String v) { dvrDepth = v; }
    public String getDvrDiskLimit() { return dvrDiskLimit; }
    public void setDvrDiskLimit(String v) { dvrDiskLimit = v; }
    public List<Push> getPushes() { return pushes; }
    public String getOnPublish() { return onPublish; }
    public void setOnPublish(String v) { onPublish = v; }
    public String getOnPlay() { return onPlay; }
    public void setOnPlay(String v) { onPlay = v; }
    public String getSegmentDuration() { return segmentDuration; }
    public void setSegmentDuration(String v) { segmentDuration = v; }
    public String getSegmentCount() { return segmentCount; }
    public void setSegmentCount(String v) { segmentCount = v; }
}
