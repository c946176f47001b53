package org.openstreamer.ejb.config.text;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code input URL [OPTION=VALUE ...];} (also spelled {@code url}) and {@code urls URL URL ...;}:
 * the sources of a stream in failover order. The options are those of the JSON shape's inputs;
 * {@code header.NAME=VALUE} adds to {@code headers}. Whether the URL's scheme is known is the
 * API's own check.
 */
final class InputDirective {

    static final String HEADER_PREFIX = "header.";

    private InputDirective() {
    }

    static void input(Directive d, String key, BlockJson json) {
        if (d.args().isEmpty()) {
            throw Refuse.invalid(d.at(), "'" + d.text() + "' needs a URL: " + d.text() + " SCHEME://ADDRESS;");
        }
        JsonObjectBuilder input = Json.createObjectBuilder().add("url", d.arg(0));
        JsonObjectBuilder headers = Json.createObjectBuilder();
        Map<String, Position> seen = new HashMap<>();
        List<OptionArg> options = OptionArg.of(d, 1);
        for (OptionArg o : options) {
            if (seen.putIfAbsent(o.key(), o.at()) != null) {
                throw Refuse.invalid(o.at(), "option " + o.key() + " is given twice.");
            }
            if (o.key().startsWith(HEADER_PREFIX) && o.key().length() > HEADER_PREFIX.length()) {
                headers.add(o.key().substring(HEADER_PREFIX.length()), o.text());
                continue;
            }
            switch (o.key()) {
                case "priority" -> input.add("priority", o.integer(0, Values.MAX_COUNT));
                case "source_timeout" -> input.add("source_timeout", o.seconds());
                case "user_agent" -> input.add("user_agent", o.text());
                case "program" -> input.add("program", o.integer(0, Values.MAX_COUNT));
                case "tracks" -> input.add("tracks", array(o.integers(0, Values.MAX_COUNT)));
                case "pids" -> input.add("pids", array(o.integers(0, Values.MAX_COUNT)));
                case "allow_subtitles", "bypass_nit", "dvbsubs_ocr", "skip_stalled_check", "tls_verify" -> input.add(o.key(), o.bool());
                default -> throw Refuse.option(o.at(), o.key(), null);
            }
        }
        JsonObject h = headers.build();
        if (!h.isEmpty()) {
            input.add("headers", h);
        }
        String field = json.append(key, input.build(), d.at());
        for (OptionArg o : options) {
            json.positions().put(field + "." + (o.key().startsWith(HEADER_PREFIX) ? "headers" : o.key()), o.at());
        }
        json.positions().put(field + ".url", d.at(0));
    }

    /** {@code urls URL URL ...;}: several inputs without options. */
    static void urls(Directive d, String key, BlockJson json) {
        if (d.args().isEmpty()) {
            throw Refuse.invalid(d.at(), "'urls' needs at least one URL.");
        }
        for (int i = 0; i < d.args().size(); i++) {
            String field = json.append(key, Json.createObjectBuilder().add("url", d.arg(i)).build(), d.at(i));
            json.positions().put(field + ".url", d.at(i));
        }
    }

    private static JsonArrayBuilder array(List<Long> values) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        values.forEach(a::add);
        return a;
    }
}
