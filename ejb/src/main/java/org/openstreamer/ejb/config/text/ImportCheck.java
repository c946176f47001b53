package org.openstreamer.ejb.config.text;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.openstreamer.connector.api.DrmSettings;
import org.openstreamer.ejb.json.DrmSettingsJson;
import org.openstreamer.ejb.json.NotifySinkJson;
import org.openstreamer.ejb.json.PublishLocationJson;
import org.openstreamer.ejb.json.ServerConfigJson;
import org.openstreamer.ejb.json.StreamJson;
import org.openstreamer.ejb.json.StreamTemplateJson;
import org.openstreamer.ejb.model.NotifySink;
import org.openstreamer.ejb.model.PublishLocationDefinition;
import org.openstreamer.ejb.model.StreamDefinition;
import org.openstreamer.ejb.model.StreamTemplateDefinition;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.validate.NotifySinkValidator;
import org.openstreamer.ejb.validate.ServerConfigValidator;
import org.openstreamer.ejb.validate.StreamValidator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an imported text's blocks with the API's own strict JSON readers and validators, exactly
 * as {@code PUT /streams/NAME}, {@code PUT /live/PREFIX}, {@code PUT /templates/NAME} and
 * {@code PUT /config} would, and turns each refusal into a problem at the line and column that
 * produced the refused value. A key those readers do not know is an unsupported directive. Port
 * and prefix conflicts with what is stored need the database and are found when applying.
 */
public final class ImportCheck {

    /** A block of the text as the API reads it ({@code T} is its definition), with the block it came from. */
    public record CheckedBlock<T>(T definition, ImportedBlock block) {
    }

    /**
     * @param server    the global settings the text sets (only those; how they combine with the
     *                  stored ones is the importer's choice), with their positions
     * @param streams   in the order of the text, like {@code live} and {@code templates}
     * @param drm       the protection of each stream of the text that has a {@code drm} line: it is
     *                  stored apart from the stream, as {@code PUT /drm/NAME} does
     */
    public record Checked(ImportedBlock server, List<CheckedBlock<StreamDefinition>> streams,
                          Map<String, DrmSettings> drm,
                          List<CheckedBlock<PublishLocationDefinition>> live,
                          List<CheckedBlock<StreamTemplateDefinition>> templates,
                          List<CheckedBlock<NotifySink>> sinks, List<Problem> warnings) {

        /** Whether the text sets any global setting. */
        public boolean setsServer() {
            return !server.json().isEmpty();
        }
    }

    /** Reads and validates one block's JSON; throws {@link ConfigException} when refused. */
    private interface BlockReader<T> {
        T read(ImportedBlock block);
    }

    /** The key of a stream's protection in an imported block; not part of the stream's own JSON. */
    public static final String DRM = DrmSettingsJson.KEY;

    private ImportCheck() {
    }

    /** Checks {@code c}; throws {@link TextConfigException} with every problem found, earliest first. */
    public static Checked check(ImportedConfig c) {
        List<Problem> problems = new ArrayList<>(c.problems());
        try {
            ServerConfigValidator.validate(ServerConfigJson.read(c.server().json()));
        } catch (ConfigException e) {
            problems.add(c.server().positions().problem(e, c.server().prefix()));
        }
        Map<String, DrmSettings> drm = new HashMap<>();
        var streams = read(c.streams(), problems, b -> {
            JsonValue protection = b.json().get(DRM);
            if (protection != null) {
                drm.put(b.name(), drm(protection));
            }
            StreamDefinition d = StreamJson.read(protection == null ? b.json()
                    : Json.createObjectBuilder(b.json()).remove(DRM).build(), b.name());
            StreamValidator.validate(d);
            return d;
        });
        var live = read(c.live(), problems, b -> {
            PublishLocationDefinition d = PublishLocationJson.read(b.json(), b.name());
            StreamValidator.validate(d);
            return d;
        });
        var templates = read(c.templates(), problems, b -> {
            StreamTemplateDefinition d = StreamTemplateJson.read(b.json(), b.name());
            StreamValidator.validate(d);
            return d;
        });
        var notify = read(c.sinks(), problems, b -> {
            NotifySink d = NotifySinkJson.read(b.json(), b.name());
            NotifySinkValidator.validate(d);
            return d;
        });
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
            throw new TextConfigException(problems);
        }
        return new Checked(c.server(), streams, Map.copyOf(drm), live, templates, notify, c.warnings());
    }

    /** A stream block's {@code drm} object, read as the body of {@code PUT /drm/NAME} is. */
    private static DrmSettings drm(JsonValue value) {
        if (!(value instanceof JsonObject o)) {
            throw ConfigException.invalid(ConfigException.INVALID_TYPE, DRM, "drm is an object: {\"method\":\"aes128\"}.");
        }
        try {
            return DrmSettingsJson.read(o);
        } catch (ConfigException e) {
            throw ConfigException.invalid(e.code(), e.field() == null ? DRM : DRM + "." + e.field(), e.getMessage());
        }
    }

    private static <T> List<CheckedBlock<T>> read(List<ImportedBlock> blocks, List<Problem> problems, BlockReader<T> reader) {
        List<CheckedBlock<T>> checked = new ArrayList<>();
        for (ImportedBlock block : blocks) {
            try {
                checked.add(new CheckedBlock<>(reader.read(block), block));
            } catch (ConfigException e) {
                problems.add(block.positions().problem(e, block.prefix()));
            }
        }
        return checked;
    }

    /** The JSON of {@code c}'s server block merged into {@code stored}: see {@link #merge}. */
    public static JsonObject serverJson(Checked c, JsonObject stored, boolean replace) {
        return replace ? c.server().json() : merge(stored, c.server().json());
    }

    /**
     * The global settings a text sets laid over the stored ones: each top-level setting the text
     * names replaces the stored one whole (an SRT endpoint with its passphrase), except
     * {@code listeners}, replaced protocol by protocol.
     */
    static JsonObject merge(JsonObject stored, JsonObject text) {
        var merged = Json.createObjectBuilder(stored);
        text.forEach((key, value) -> {
            if (key.equals("listeners") && stored.containsKey(key)) {
                merged.add(key, Json.createObjectBuilder(stored.getJsonObject(key)).addAll(
                        Json.createObjectBuilder(value.asJsonObject())));
            } else {
                merged.add(key, value);
            }
        });
        return merged.build();
    }
}
