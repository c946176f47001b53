package org.openstreamer.ejb.config.text;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.openstreamer.ejb.json.ServerConfigJson;
import org.openstreamer.ejb.json.StreamJson;
import org.openstreamer.ejb.model.StreamDefinition;
import org.openstreamer.ejb.service.ConfigException;
import org.openstreamer.ejb.service.ServerConfigValidator;
import org.openstreamer.ejb.service.StreamValidator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads an imported text's blocks with the API's own strict JSON readers and validators, exactly
 * as {@code PUT /streams/NAME} and {@code PUT /config} would, and turns each refusal into a
 * problem at the line and column that produced the refused value. A key those readers do not
 * know yet is an unsupported directive; publish locations and templates are not stored by this
 * server yet. Port conflicts with what is stored need the database and are found when applying.
 */
public final class ImportCheck {

    /** What the kinds this server cannot store yet are refused with. */
    private static final Map<ImportedBlock.Kind, String> NOT_STORED = Map.of(
            ImportedBlock.Kind.LIVE, "publish locations are not stored by this server yet",
            ImportedBlock.Kind.TEMPLATE, "templates are not stored by this server yet");

    /** A stream of the text as the API reads it, with the block it came from. */
    public record CheckedStream(StreamDefinition definition, ImportedBlock block) {
    }

    /**
     * @param server  the global settings the text sets (only those; how they combine with the
     *                stored ones is the importer's choice), with their positions
     * @param streams in the order of the text
     */
    public record Checked(ImportedBlock server, List<CheckedStream> streams, List<Problem> warnings) {

        /** Whether the text sets any global setting. */
        public boolean setsServer() {
            return !server.json().isEmpty();
        }
    }

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
        List<CheckedStream> streams = new ArrayList<>();
        for (ImportedBlock block : c.streams()) {
            try {
                StreamDefinition d = StreamJson.read(block.json(), block.name());
                StreamValidator.validate(d);
                streams.add(new CheckedStream(d, block));
            } catch (ConfigException e) {
                problems.add(block.positions().problem(e, block.prefix()));
            }
        }
        for (ImportedBlock block : concat(c.live(), c.templates())) {
            Position at = block.positions().block();
            problems.add(Problem.invalid(Problem.UNSUPPORTED_DIRECTIVE, block.prefix(), "Unsupported directive '"
                    + at.directive() + "' at " + at.describe() + ": " + NOT_STORED.get(block.kind()) + ".", at));
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
            throw new TextConfigException(problems);
        }
        return new Checked(c.server(), streams, c.warnings());
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

    private static List<ImportedBlock> concat(List<ImportedBlock> a, List<ImportedBlock> b) {
        List<ImportedBlock> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
