package org.openstreamer.ejb.config.text;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.Locale;
import java.util.OptionalLong;

/** Readers of the directives that take one plain value: text, a flag, a count, a duration, a URL, a meta entry. */
final class Values {

    static final long MAX_COUNT = Integer.MAX_VALUE;

    private Values() {
    }

    /** {@code title "Camera 1";} */
    static void text(Directive d, String key, BlockJson json) {
        arguments(d, 1, "one value (quote it if it has spaces)");
        json.set(key, Json.createValue(d.arg(0)), d.at());
    }

    /** {@code disabled;} */
    static void flag(Directive d, String key, BlockJson json) {
        arguments(d, 0, "no value");
        json.set(key, JsonValue.TRUE, d.at());
    }

    /** {@code soft_limitation;}, {@code soft_limitation true;} or {@code soft_limitation false;} */
    static void bool(Directive d, String key, BlockJson json) {
        if (d.args().size() > 1 || d.args().size() == 1 && !d.arg(0).equals("true") && !d.arg(0).equals("false")) {
            throw Refuse.invalid(d.at(), "'" + d.text() + "' takes true, false or nothing (true).");
        }
        json.set(key, d.args().isEmpty() || d.arg(0).equals("true") ? JsonValue.TRUE : JsonValue.FALSE, d.at());
    }

    /** {@code max_sessions 1000;} */
    static void count(Directive d, String key, BlockJson json) {
        arguments(d, 1, "one whole number");
        json.set(key, Json.createValue(new OptionArg(d.text(), d.arg(0), d.at(0)).integer(0, MAX_COUNT)), d.at());
    }

    /** {@code segment_duration 4;}, {@code clients_timeout 2m;}: seconds. */
    static void seconds(Directive d, String key, BlockJson json) {
        arguments(d, 1, "one duration");
        OptionalLong s = Units.seconds(d.arg(0));
        if (s.isEmpty() || s.getAsLong() > MAX_COUNT) {
            throw Refuse.invalid(d.at(0), d.text() + " is a duration in seconds (60) or with a unit (90s, 5m, 2h, 1d), not '"
                    + d.arg(0) + "'.");
        }
        json.set(key, Json.createValue(s.getAsLong()), d.at());
    }

    /** {@code tracks 1,2;}: a list of whole numbers. */
    static void integers(Directive d, String key, BlockJson json) {
        arguments(d, 1, "a comma-separated list of whole numbers");
        var array = Json.createArrayBuilder();
        new OptionArg(d.text(), d.arg(0), d.at(0)).integers(0, MAX_COUNT).forEach(array::add);
        json.set(key, array.build(), d.at());
    }

    /** {@code on_publish http://backend/publish;}: only HTTP backends, no scripts. */
    /**
     * {@code on_play http://...;}, {@code on_play securetoken://SECRET;} or {@code on_play auth://NAME;}
     * (an auth_backend block; the API's validator checks the secret and the name).
     */
    static void playBackend(Directive d, String key, BlockJson json) {
        for (OptionArg o : OptionArg.of(d, 1)) {
            if (!o.key().equals(SOFT_LIMITATION)) {
                throw Refuse.option(o.at(), o.key(), "only soft_limitation=true|false is supported after the backend");
            }
            json.set(SOFT_LIMITATION, o.bool() ? JsonValue.TRUE : JsonValue.FALSE, o.at());
        }
        String lower = d.args().isEmpty() ? "" : d.arg(0).toLowerCase(Locale.ROOT);
        if (lower.startsWith("securetoken://") || lower.startsWith("auth://")) {
            json.set(key, Json.createValue(d.arg(0)), d.at());
            return;
        }
        url(d, key, json);
    }

    /** The option of {@code auth URL soft_limitation=true;} and its JSON key. */
    static final String SOFT_LIMITATION = "soft_limitation";

    /** {@code domains example.com *.example.com;}: a list of host patterns (the API's validator checks them). */
    static void words(Directive d, String key, BlockJson json) {
        if (d.args().isEmpty()) {
            throw Refuse.invalid(d.at(), d.text() + " takes one or more host names: " + d.text() + " example.com *.example.com;");
        }
        var array = Json.createArrayBuilder();
        for (int i = 0; i < d.args().size(); i++) {
            array.add(d.arg(i));
        }
        json.set(key, array.build(), d.at());
    }

    static void backendUrl(Directive d, String key, BlockJson json) {
        if (d.args().size() > 1) {
            throw Refuse.option(d.at(1), OptionArg.of(d, 1).get(0).key(), "only the backend URL is supported");
        }
        url(d, key, json);
    }

    private static void url(Directive d, String key, BlockJson json) {
        if (d.args().isEmpty()) {
            arguments(d, 1, "one backend URL");
        }
        String url = d.arg(0).toLowerCase(Locale.ROOT);
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw Refuse.directive(d.at(), "only http:// and https:// backends are supported, not '" + d.arg(0) + "'");
        }
        json.set(key, Json.createValue(d.arg(0)), d.at());
    }

    /** {@code meta KEY VALUE;} puts a string; {@code meta KEY VALUE json;} a JSON value (as the export writes them). */
    static void meta(Directive d, String key, BlockJson json) {
        boolean isJson = d.args().size() == 3 && d.arg(2).equals("json");
        if (d.args().size() != 2 && !isJson) {
            throw Refuse.invalid(d.at(), "meta takes a name and a value: meta NAME VALUE;");
        }
        JsonValue value = Json.createValue(d.arg(1));
        if (isJson) {
            try (JsonReader r = Json.createReader(new StringReader(d.arg(1)))) {
                value = r.readValue();
            } catch (JsonException e) {
                throw Refuse.invalid(d.at(1), "the value of a 'json' meta entry is JSON text.");
            }
        }
        json.put(key, d.arg(0), value, d.at());
    }

    static void arguments(Directive d, int count, String expected) {
        if (d.args().size() != count) {
            throw Refuse.invalid(d.at(), "'" + d.text() + "' takes " + expected + ", not " + d.args().size() + " values.");
        }
    }
}
