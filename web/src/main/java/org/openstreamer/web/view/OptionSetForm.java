package org.openstreamer.web.view;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import org.openstreamer.ejb.error.ConfigException;

import java.io.Serializable;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.openstreamer.web.view.FormJson.parse;
import static org.openstreamer.web.view.FormJson.put;
import static org.openstreamer.web.view.FormJson.text;
import static org.openstreamer.web.view.FormJson.value;

/**
 * The form of a publish location or a template, read from and written to its API JSON: the
 * settings most set have a field each (for a template also its input URLs, one a line, where
 * {@code %s} stands for the rest of the stream name), and every other option is edited as the
 * API's JSON in one text box. The API's reader judges the result, so its messages name the same
 * fields ({@code segment_duration}, {@code inputs[0].url}, {@code prefix}).
 */
public class OptionSetForm implements Serializable {

    /** The options that have a field of their own; {@link #TEMPLATE_KEYS} adds a template's. */
    static final List<String> FIELD_KEYS = List.of("title", "on_publish", "on_play", "segment_duration", "segment_count");
    static final List<String> TEMPLATE_KEYS = List.of("name", "prefix", "inputs");
    /** The name of the "other options" box in refusals about its JSON. */
    static final String OTHER = "other";

    private final boolean template;
    private String key;
    private String prefix;
    private String title;
    private String onPublish;
    private String onPlay;
    private String segmentDuration;
    private String segmentCount;
    private String inputs;
    /** The stored inputs, so that the options of the input on line N are kept when its URL changes. */
    private String storedInputs = "[]";
    private String other;

    private OptionSetForm(boolean template) {
        this.template = template;
    }

    /** A form for {@code json} (as the API writes it), keyed by {@code key} (a location's prefix, a template's name). */
    static OptionSetForm of(boolean template, String key, JsonObject json) {
        OptionSetForm f = new OptionSetForm(template);
        f.key = key;
        f.prefix = text(json, "prefix");
        f.title = text(json, "title");
        f.onPublish = text(json, "on_publish");
        f.onPlay = text(json, "on_play");
        f.segmentDuration = text(json, "segment_duration");
        f.segmentCount = text(json, "segment_count");
        JsonArray in = json.get("inputs") instanceof JsonArray a ? a : JsonValue.EMPTY_JSON_ARRAY;
        f.storedInputs = in.toString();
        List<String> urls = new ArrayList<>();
        in.forEach(v -> urls.add(v instanceof JsonObject o && text(o, "url") != null ? text(o, "url") : ""));
        f.inputs = String.join("\n", urls);
        JsonObjectBuilder rest = Json.createObjectBuilder(json);
        FIELD_KEYS.forEach(rest::remove);
        rest.remove("prefix");
        TEMPLATE_KEYS.forEach(rest::remove);
        f.other = pretty(rest.build());
        return f;
    }

    /** The JSON the API reads for this form; a broken "other options" box is refused as field {@value #OTHER}. */
    JsonObject toJson() {
        JsonObject rest;
        try {
            rest = other == null || other.isBlank() ? JsonValue.EMPTY_JSON_OBJECT : parse(other);
        } catch (JsonException | IllegalStateException e) {
            throw ConfigException.invalid(ConfigException.INVALID_JSON, OTHER,
                    "The other options are not a JSON object: " + e.getMessage());
        }
        JsonObjectBuilder b = Json.createObjectBuilder(rest);
        FIELD_KEYS.forEach(b::remove);
        b.remove("prefix");
        if (template) { // a location's "inputs" stays in, for the API to refuse with its reason
            TEMPLATE_KEYS.forEach(b::remove);
            put(b, "prefix", value(prefix, false));
            b.add("inputs", inputsJson());
        }
        put(b, "title", value(title, false));
        put(b, "on_publish", value(onPublish, false));
        put(b, "on_play", value(onPlay, false));
        put(b, "segment_duration", value(segmentDuration, true));
        put(b, "segment_count", value(segmentCount, true));
        return b.build();
    }

    private JsonArrayBuilder inputsJson() {
        JsonArray stored = Json.createReader(new java.io.StringReader(storedInputs)).readArray();
        JsonArrayBuilder out = Json.createArrayBuilder();
        int line = 0;
        for (String url : (inputs == null ? "" : inputs).split("\\R")) {
            if (url.isBlank()) {
                continue;
            }
            JsonObjectBuilder o = line < stored.size() && stored.get(line) instanceof JsonObject s
                    ? Json.createObjectBuilder(s) : Json.createObjectBuilder();
            out.add(o.add("url", url.trim()));
            line++;
        }
        return out;
    }

    private static String pretty(JsonObject o) {
        if (o.isEmpty()) {
            return "";
        }
        StringWriter w = new StringWriter();
        try (var writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(w)) {
            writer.writeObject(o);
        }
        return w.toString().trim();
    }

    /** Whether {@code field} (API spelling) has a field of its own in this form. */
    boolean shows(String field) {
        String top = field.split("[.\\[]", 2)[0];
        return FIELD_KEYS.contains(top) || (template && TEMPLATE_KEYS.contains(top)) || top.equals("prefix");
    }

    public boolean isTemplate() { return template; }
    public String getKey() { return key; }
    public void setKey(String v) { key = v; }
    public String getPrefix() { return prefix; }
    public void setPrefix(String v) { prefix = v; }
    public String getTitle() { return title; }
    public void setTitle(String v) { title = v; }
    public String getOnPublish() { return onPublish; }
    public void setOnPublish(String v) { onPublish = v; }
    public String getOnPlay() { return onPlay; }
    public void setOnPlay(String v) { onPlay = v; }
    public String getSegmentDuration() { return segmentDuration; }
    public void setSegmentDuration(String v) { segmentDuration = v; }
    public String getSegmentCount() { return segmentCount; }
    public void setSegmentCount(String v) { segmentCount = v; }
    public String getInputs() { return inputs; }
    public void setInputs(String v) { inputs = v; }
    public String getOther() { return other; }
    public void setOther(String v) { other = v; }
}
