package org.openstreamer.ejb.config.text;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The options of a {@code notify NAME { ... }} block, into the JSON of the API's
 * {@code /notify/NAME}: {@code sink}, {@code sign_key} and {@code verbose} take one value;
 * each {@code only} or {@code except} line is one rule of {@code key=value} or
 * {@code key=value1,value2} pairs.
 */
final class NotifyDirectives {

    static final Set<String> SINGLE = Set.of("sink", "sign_key", "verbose");
    static final Set<String> RULES = Set.of("only", "except");

    private NotifyDirectives() {
    }

    static void apply(Directive d, BlockJson json) {
        if (d.hasBlock()) {
            throw Refuse.invalid(d.at(), "'" + d.text() + "' in a notify block takes no block.");
        }
        if (SINGLE.contains(d.text())) {
            if (d.args().size() != 1) {
                throw Refuse.invalid(d.at(), "'" + d.text() + "' takes one value.");
            }
            json.set(d.text(), Json.createValue(d.arg(0)), d.at(0));
        } else if (RULES.contains(d.text())) {
            json.append(d.text(), rule(d), d.at());
        } else if (d.text().equals("buffer")) {
            json.warn(Problem.LEGACY_IGNORED, "Legacy option 'buffer' at " + d.at().describe()
                    + " ignored: events are always queued per sink.", d.at());
        } else {
            throw Refuse.directive(d.at(), "a notify block takes sink, only, except, sign_key and verbose"
                    + " (options for Lua handlers are not supported)");
        }
    }

    private static JsonObject rule(Directive d) {
        if (d.args().isEmpty()) {
            throw Refuse.invalid(d.at(), "'" + d.text() + "' needs key=value pairs, such as " + d.text() + " event=stream_started;");
        }
        JsonObjectBuilder rule = Json.createObjectBuilder();
        Set<String> keys = new LinkedHashSet<>();
        for (int i = 0; i < d.args().size(); i++) {
            String pair = d.arg(i);
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw Refuse.invalid(d.at(i), "'" + pair + "' is not key=value or key=value1,value2.");
            }
            String key = pair.substring(0, eq);
            if (!keys.add(key)) {
                throw Refuse.invalid(d.at(i), "'" + key + "' is named twice in one rule; list its values as " + key + "=a,b.");
            }
            JsonArrayBuilder values = Json.createArrayBuilder();
            for (String v : pair.substring(eq + 1).split(",", -1)) {
                values.add(v);
            }
            rule.add(key, values);
        }
        return rule.build();
    }
}
