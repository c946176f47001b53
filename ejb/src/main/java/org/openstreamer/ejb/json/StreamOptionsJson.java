package org.openstreamer.ejb.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.openstreamer.ejb.model.Backup;
import org.openstreamer.ejb.model.DvrConfig;
import org.openstreamer.ejb.model.InputDefinition;
import org.openstreamer.ejb.model.Push;
import org.openstreamer.ejb.model.StreamOptions;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.validate.InputOption;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static org.openstreamer.ejb.util.Jsonp.JSON;

/**
 * The stream options in the v3 JSON shape, both ways: snake_case keys, durations in seconds,
 * sizes in bytes, percentages as numbers. Absent keys take their defaults, so a body describes
 * every option; {@code auth} is read as the older name of {@code on_play}.
 */
final class StreamOptionsJson {

    static final Set<String> INPUT_COLUMNS = Set.of("url", "priority", "source_timeout");
    static final Set<String> DVR_KEYS = Set.of("root", "depth", "disk_limit", "storage_limit", "schedule", "offline");
    static final Set<String> PUSH_KEYS = Set.of("url", "retry_timeout", "retry_limit", "disabled", "timeout", "tls_verify");
    static final Set<String> BACKUP_KEYS = Set.of("file");

    private StreamOptionsJson() {
    }

    static StreamOptions read(JsonFields f, OptionScope scope) {
        StreamOptions.Builder b = StreamOptions.builder()
                .title(f.string("title"))
                .disabled(f.bool("disabled", false))
                .publishEnabled(scope.has("publish_enabled") && f.bool("publish_enabled", false))
                .isStatic(scope.has("static") ? f.bool("static", scope.staticByDefault()) : scope.staticByDefault())
                .clientsTimeout(f.integer("clients_timeout", StreamOptions.DEFAULT_CLIENTS_TIMEOUT))
                .retryLimit(f.integer("retry_limit", StreamOptions.DEFAULT_RETRY_LIMIT))
                .password(f.string("password"))
                .onPublish(f.string("on_publish"))
                .onPlay(onPlay(f))
                .maxSessions(f.integer("max_sessions"))
                .maxBitrate(f.integer("max_bitrate"))
                .inputs(scope.has("inputs") ? inputs(f, f.array("inputs")) : List.of())
                .srt(SrtEndpointJson.read(f, "srt"))
                .srtPublish(SrtEndpointJson.read(f, "srt_publish"))
                .srtPlay(SrtEndpointJson.read(f, "srt_play"))
                .segmentDuration(f.integer("segment_duration", StreamOptions.DEFAULT_SEGMENT_DURATION))
                .segmentCount(f.integer("segment_count", StreamOptions.DEFAULT_SEGMENT_COUNT))
                .thumbnails(f.bool("thumbnails", false))
                .dvr(dvr(f.nested("dvr", DVR_KEYS)))
                .pushes(pushes(f, f.array("pushes")))
                .meta(f.object("meta"))
                .rtp(f.string("rtp"))
                .framesTimeout(f.integer("frames_timeout"))
                .softLimitation(f.has("soft_limitation") ? f.bool("soft_limitation", false) : null)
                .domains(domains(f));
        JsonFields backup = f.nested("backup", BACKUP_KEYS);
        if (backup != null) {
            b.backup(new Backup(backup.string("file")));
        }
        return b.build();
    }

    static void write(StreamOptions o, OptionScope scope, JsonObjectBuilder b) {
        if (o.title() != null) {
            b.add("title", o.title());
        }
        b.add("disabled", o.disabled());
        if (scope.has("publish_enabled")) {
            b.add("publish_enabled", o.publishEnabled());
        }
        if (scope.has("static")) {
            b.add("static", o.isStatic());
        }
        if (scope.has("clients_timeout")) {
            b.add("clients_timeout", o.clientsTimeout()).add("retry_limit", o.retryLimit());
        }
        addIfSet(b, "password", o.password());
        addIfSet(b, "on_publish", o.onPublish());
        addIfSet(b, "on_play", o.onPlay());
        if (o.maxSessions() != null) {
            b.add("max_sessions", o.maxSessions());
        }
        if (o.maxBitrate() != null) {
            b.add("max_bitrate", o.maxBitrate());
        }
        if (scope.has("inputs")) {
            JsonArrayBuilder inputs = JSON.createArrayBuilder();
            o.inputs().forEach(i -> inputs.add(write(i)));
            b.add("inputs", inputs);
        }
        o.endpoints().forEach((kind, e) -> b.add(kind.key(), SrtEndpointJson.write(e)));
        b.add("segment_duration", o.segmentDuration()).add("segment_count", o.segmentCount());
        if (o.thumbnails()) { // absent means off: the shape of streams without it stays as it was
            b.add("thumbnails", true);
        }
        if (o.dvr() != null) {
            b.add("dvr", write(o.dvr()));
        }
        JsonArrayBuilder pushes = JSON.createArrayBuilder();
        o.pushes().forEach(p -> pushes.add(write(p)));
        b.add("pushes", pushes);
        if (o.backup() != null) {
            JsonObjectBuilder backup = JSON.createObjectBuilder();
            addIfSet(backup, "file", o.backup().file());
            b.add("backup", backup);
        }
        b.add("meta", o.meta());
        addIfSet(b, "rtp", o.rtp());
        if (o.framesTimeout() != null) {
            b.add("frames_timeout", o.framesTimeout());
        }
        if (o.softLimitation() != null) {
            b.add("soft_limitation", o.softLimitation());
        }
        if (!o.domains().isEmpty()) {
            JsonArrayBuilder domains = JSON.createArrayBuilder();
            o.domains().forEach(domains::add);
            b.add("domains", domains);
        }
    }

    /**
     * {@code domains}: an array of patterns ({@code ["example.com", "*.example.com"]}), or the
     * reference's string of them separated by spaces; checked by the validator.
     */
    static List<String> domains(JsonFields f) {
        JsonValue v = f.value("domains");
        if (v == null) {
            return List.of();
        }
        if (v instanceof JsonString s) {
            return s.getString().isBlank() ? List.of() : List.of(s.getString().trim().split("\\s+"));
        }
        if (v.getValueType() != JsonValue.ValueType.ARRAY) {
            throw JsonFields.wrongType(f.field("domains"), "an array of host names (or a string of them separated by spaces)");
        }
        List<String> out = new ArrayList<>();
        for (JsonValue e : v.asJsonArray()) {
            if (!(e instanceof JsonString s)) {
                throw JsonFields.wrongType(f.field("domains"), "an array of host names");
            }
            out.add(s.getString().trim());
        }
        return out;
    }

    static String onPlay(JsonFields f) {
        String onPlay = f.string("on_play");
        String auth = f.string(OptionScope.AUTH);
        if (onPlay != null && auth != null && !onPlay.equals(auth)) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, f.field(OptionScope.AUTH),
                    "auth is the older name of on_play: give one of them (or both the same).");
        }
        return onPlay != null ? onPlay : auth;
    }

    private static List<InputDefinition> inputs(JsonFields parent, JsonArray array) {
        List<InputDefinition> inputs = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String field = parent.field("inputs") + "[" + i + "]";
            if (array.get(i).getValueType() != JsonValue.ValueType.OBJECT) {
                throw JsonFields.wrongType(field, "an object");
            }
            JsonObject input = array.getJsonObject(i);
            JsonFields f = parent.element(input, field, input.keySet());
            JsonObjectBuilder options = JSON.createObjectBuilder();
            input.forEach((key, value) -> {
                if (INPUT_COLUMNS.contains(key) || value == JsonValue.NULL) {
                    return;
                }
                if (InputOption.of(key).isPresent()) {
                    options.add(key, value);
                } else {
                    f.unknown(field + "." + key, "Unknown input option '" + key + "'.");
                }
            });
            inputs.add(new InputDefinition(f.string("url"), f.integer("priority"), f.integer("source_timeout"),
                    options.build()));
        }
        return inputs;
    }

    private static DvrConfig dvr(JsonFields f) {
        if (f == null) {
            return null;
        }
        return new DvrConfig(f.string("root"), f.longInteger("depth"), f.integer("disk_limit"),
                f.longInteger("storage_limit"), f.string("schedule"), f.bool("offline", false));
    }

    private static List<Push> pushes(JsonFields parent, JsonArray array) {
        List<Push> pushes = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonFields f = parent.element(array.get(i), parent.field("pushes") + "[" + i + "]", PUSH_KEYS);
            pushes.add(new Push(f.string("url"), f.integer("retry_timeout", Push.DEFAULT_RETRY_TIMEOUT),
                    f.integer("retry_limit"), f.bool("disabled", false), f.integer("timeout"), f.bool("tls_verify", true)));
        }
        return pushes;
    }

    private static JsonObject write(InputDefinition i) {
        JsonObjectBuilder b = JSON.createObjectBuilder().add("url", Objects.requireNonNullElse(i.url(), ""));
        if (i.priority() != null) {
            b.add("priority", i.priority());
        }
        if (i.sourceTimeout() != null) {
            b.add("source_timeout", i.sourceTimeout());
        }
        i.options().forEach(b::add);
        return b.build();
    }

    private static JsonObject write(DvrConfig d) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        addIfSet(b, "root", d.root());
        if (d.depth() != null) {
            b.add("depth", d.depth());
        }
        if (d.diskLimit() != null) {
            b.add("disk_limit", d.diskLimit());
        }
        if (d.storageLimit() != null) {
            b.add("storage_limit", d.storageLimit());
        }
        addIfSet(b, "schedule", d.schedule());
        return b.add("offline", d.offline()).build();
    }

    private static JsonObject write(Push p) {
        JsonObjectBuilder b = JSON.createObjectBuilder().add("url", Objects.requireNonNullElse(p.url(), ""))
                .add("retry_timeout", p.retryTimeout());
        if (p.retryLimit() != null) {
            b.add("retry_limit", p.retryLimit());
        }
        b.add("disabled", p.disabled());
        if (p.timeout() != null) {
            b.add("timeout", p.timeout());
        }
        if (!p.tlsVerify()) {
            b.add("tls_verify", false); // shown when it differs from the default
        }
        return b.build();
    }

    private static void addIfSet(JsonObjectBuilder b, String key, String value) {
        if (value != null) {
            b.add(key, value);
        }
    }
}
