package org.openstreamer.ejb.config.text;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.openstreamer.ejb.error.ConfigException;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a configuration text in the reference's format into the JSON shape of the API:
 * {@code stream} and {@code ondemand} blocks into streams, {@code live} into publish locations,
 * {@code template} (and the older {@code rewrite PREFIX/*}) into templates, global directives
 * into the server's settings, {@code notify} into event sinks ({@link NotifyDirectives}). Directives are mapped by {@link StreamDirectives} and
 * {@link ServerDirectives}; every directive that is not mapped is a problem ("unsupported
 * directive X at line N"), never skipped, except the legacy ones listed there, dropped with a
 * warning. Reading goes on after a problem so that one import lists them all; a syntax error
 * stops it at once.
 */
public final class ConfigTextReader {

    static final String INVALID_VALUE = ConfigException.INVALID_VALUE;

    private final BlockJson server = new BlockJson(new Position(1, 1, "server"));
    private final Map<ImportedBlock.Kind, List<ImportedBlock>> blocks = new EnumMap<>(ImportedBlock.Kind.class);
    private final Map<ImportedBlock.Kind, Map<String, Position>> names = new EnumMap<>(ImportedBlock.Kind.class);
    private final List<Problem> problems = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();

    private ConfigTextReader() {
        for (ImportedBlock.Kind kind : ImportedBlock.Kind.values()) {
            blocks.put(kind, new ArrayList<>());
            names.put(kind, new HashMap<>());
        }
    }

    /** Reads {@code text}; throws {@link TextConfigException} on a syntax error, returns other problems in the result. */
    public static ImportedConfig read(String text) {
        ConfigTextReader r = new ConfigTextReader();
        for (Directive d : ConfigTextParser.parse(text)) {
            r.top(d);
        }
        r.warnings.addAll(0, r.server.warnings());
        return new ImportedConfig(new ImportedBlock(ImportedBlock.Kind.SERVER, null, r.server.build(), r.server.positions()),
                r.blocks.get(ImportedBlock.Kind.STREAM), r.blocks.get(ImportedBlock.Kind.LIVE),
                r.blocks.get(ImportedBlock.Kind.TEMPLATE), r.blocks.get(ImportedBlock.Kind.NOTIFY), r.problems, r.warnings);
    }

    private void top(Directive d) {
        try {
            switch (d.text()) {
                case "stream", "ondemand" -> block(d, ImportedBlock.Kind.STREAM, d.text());
                case "live" -> block(d, ImportedBlock.Kind.LIVE, d.text());
                case "template" -> block(d, ImportedBlock.Kind.TEMPLATE, d.text());
                case "rewrite" -> block(d, ImportedBlock.Kind.TEMPLATE, rewritePrefix(d));
                case "notify" -> notify(d);
                case "auth_backend" -> authBackend(d);
                default -> global(d);
            }
        } catch (TextConfigException e) {
            record(e, "server." + d.text());
        }
    }

    private void global(Directive d) {
        DirectiveRule rule = ServerDirectives.RULES.get(d.text());
        if (rule == null) {
            throw Refuse.directive(d.at(), ServerDirectives.UNSUPPORTED.get(d.text()));
        }
        rule.apply(d, server);
    }

    /** A stream, publish location or template; {@code how} is the block's keyword or a rewrite's prefix. */
    private void block(Directive d, ImportedBlock.Kind kind, String how) {
        if (d.args().size() != 1 || !d.hasBlock()) {
            throw Refuse.invalid(d.at(), "'" + d.text() + "' takes one name and a block: " + d.text() + " NAME { ... }");
        }
        String name = d.text().equals("rewrite") ? how : d.arg(0);
        Position first = names.get(kind).putIfAbsent(name, d.at());
        if (first != null) {
            throw Refuse.invalid(d.at(), kind.key() + " '" + name + "' is defined twice (first at " + first.describe() + ").");
        }
        BlockJson json = new BlockJson(d.at());
        json.set(kind == ImportedBlock.Kind.LIVE ? "prefix" : "name", Json.createValue(name), d.at(0));
        if (d.text().equals("ondemand")) {
            json.set(StreamDirectives.STATIC, JsonValue.FALSE, d.at());
        }
        if (d.text().equals("rewrite")) {
            json.set("prefix", Json.createValue(name), d.at(0));
        }
        String prefix = kind.key() + "[" + name + "]";
        for (Directive option : d.block()) {
            try {
                option(option, kind, json);
            } catch (TextConfigException e) {
                record(e, prefix + "." + option.text());
            }
        }
        inputDefaults(json);
        warnings.addAll(json.warnings());
        blocks.get(kind).add(new ImportedBlock(kind, name, json.build(), json.positions()));
    }

    private void option(Directive d, ImportedBlock.Kind kind, BlockJson json) {
        if (kind == ImportedBlock.Kind.LIVE && d.text().equals(StreamDirectives.PUBLISH_ENABLED) && d.args().isEmpty()) {
            json.warn(Problem.LEGACY_IGNORED, "'" + d.text() + "' at " + d.at().describe()
                    + " ignored: a publish location always takes publishers.", d.at());
            return;
        }
        DirectiveRule rule = kind == ImportedBlock.Kind.TEMPLATE && d.text().equals("prefix")
                ? StreamDirectives.PREFIX : StreamDirectives.RULES.get(d.text());
        if (rule != null) {
            rule.apply(d, json);
            return;
        }
        String legacy = StreamDirectives.LEGACY_IGNORED.get(d.text());
        if (legacy != null) {
            json.warn(Problem.LEGACY_IGNORED, "Legacy directive '" + d.text() + "' at " + d.at().describe()
                    + " ignored: " + legacy + ".", d.at());
            return;
        }
        throw Refuse.directive(d.at(), StreamDirectives.UNSUPPORTED.get(d.text()));
    }

    /** A stream-level input setting becomes the setting of every input that has none of its own. */
    private static void inputDefaults(BlockJson json) {
        for (String key : StreamDirectives.INPUT_DEFAULTS) {
            Position at = json.positions().exact(key);
            JsonValue value = (JsonValue) json.remove(key);
            if (value == null) {
                continue;
            }
            List<JsonValue> inputs = json.list("inputs");
            if (inputs.isEmpty()) {
                json.warn(Problem.IGNORED, key + " at " + at.describe() + " ignored: the block has no inputs.", at);
            }
            for (int i = 0; i < inputs.size(); i++) {
                JsonObject input = inputs.get(i).asJsonObject();
                if (!input.containsKey(key)) {
                    json.replace("inputs", i, Json.createObjectBuilder(input).add(key, value).build());
                    json.positions().put("inputs[" + i + "]." + key, at);
                }
            }
        }
    }

    /** {@code notify NAME { sink URL; only event=a,b media=x; ... }}: an event sink in the API's shape. */
    private void notify(Directive d) {
        if (d.args().size() != 1 || !d.hasBlock()) {
            throw Refuse.invalid(d.at(), "'notify' takes one name and a block: notify NAME { sink URL; }");
        }
        String name = d.arg(0);
        Position first = names.get(ImportedBlock.Kind.NOTIFY).putIfAbsent(name, d.at());
        if (first != null) {
            throw Refuse.invalid(d.at(), "notify '" + name + "' is defined twice (first at " + first.describe() + ").");
        }
        BlockJson json = new BlockJson(d.at());
        json.set("name", Json.createValue(name), d.at(0));
        for (Directive option : d.block()) {
            try {
                NotifyDirectives.apply(option, json);
            } catch (TextConfigException e) {
                record(e, "notify[" + name + "]." + option.text());
            }
        }
        warnings.addAll(json.warnings());
        blocks.get(ImportedBlock.Kind.NOTIFY).add(new ImportedBlock(ImportedBlock.Kind.NOTIFY, name, json.build(), json.positions()));
    }

    /**
     * {@code auth_backend NAME { allow ip 10.10/16; backend URL; allow default; }}: the server
     * setting {@code auth_backends.NAME}, the block's rules as lines (a value with spaces quoted).
     */
    private void authBackend(Directive d) {
        if (d.args().size() != 1 || !d.hasBlock()) {
            throw Refuse.invalid(d.at(), "'auth_backend' takes one name and a block: auth_backend NAME { allow ip 10.10/16; }");
        }
        String name = d.arg(0);
        if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw Refuse.invalid(d.at(0), "an auth_backend name has 1 to 64 letters, digits, '_' or '-'.");
        }
        var rules = Json.createArrayBuilder();
        for (Directive rule : d.block()) {
            StringBuilder line = new StringBuilder(rule.text());
            for (int i = 0; i < rule.args().size(); i++) {
                String a = rule.arg(i);
                line.append(' ').append(a.isEmpty() || a.matches(".*\\s.*") ? '"' + a + '"' : a);
            }
            if (rule.hasBlock()) {
                record(Refuse.invalid(rule.at(), "an auth_backend rule ends with ';', not a block."), "auth_backends." + name);
                continue;
            }
            try {
                org.openstreamer.ejb.auth.AuthBackendRules.parse(List.of(line.toString()));
            } catch (IllegalArgumentException e) {
                record(Refuse.invalid(rule.at(), "auth_backend " + name + ": " + e.getMessage() + "."), "auth_backends." + name);
                continue;
            }
            rules.add(line.toString());
        }
        server.set("auth_backends." + name, rules.build(), d.at());
    }

    /** {@code rewrite nsk/* { ... }}: a template for the names under nsk/. */
    private static String rewritePrefix(Directive d) {
        if (d.args().size() != 1 || !d.arg(0).endsWith("/*") || d.arg(0).length() < 3) {
            throw Refuse.invalid(d.at(), "'rewrite' takes a name pattern ending in /*: rewrite PREFIX/* { ... }");
        }
        return d.arg(0).substring(0, d.arg(0).length() - 2);
    }

    /** Records the problems of {@code e}, naming {@code field} where the reader could not. */
    private void record(TextConfigException e, String field) {
        for (Problem p : e.problems()) {
            problems.add(p.field() != null ? p
                    : new Problem(p.kind(), p.code(), field, p.message(), p.line(), p.column()));
        }
    }
}
