package org.openstreamer.ejb.config.text;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An SRT endpoint ({@code srt}, {@code srt_publish}, {@code srt_play}, of a stream or of the
 * server), in a short or a block form:
 * <pre>
 *   srt_publish 9001;
 *   srt_publish 9001 passphrase=securePass latency=200;
 *   srt_publish passphrase=securePass;          (no port of its own: used on the global ports)
 *   srt_publish { port 9001; passphrase securePass; latency 200; }
 *   srt_publish 9001 address=192.0.2.10;        (the server's ports only: listen on that address)
 * </pre>
 * Latency is in milliseconds. Ranges and passphrase lengths are the API's own checks.
 */
final class SrtDirective {

    private SrtDirective() {
    }

    static void endpoint(Directive d, String key, BlockJson json) {
        Map<String, OptionArg> settings = new LinkedHashMap<>();
        if (d.hasBlock()) {
            if (!d.args().isEmpty()) {
                throw Refuse.invalid(d.at(0), "write either '" + d.text() + " PORT;' or '" + d.text() + " { port PORT; ... }'.");
            }
            for (Directive inner : d.block()) {
                if (inner.hasBlock() || inner.args().size() != 1) {
                    throw Refuse.invalid(inner.at(), "inside '" + d.text() + " { }' write 'port N;', 'passphrase TEXT;', 'latency MS;' or 'address IP;'.");
                }
                add(settings, new OptionArg(inner.text(), inner.arg(0), inner.at()), d.text());
            }
        } else {
            for (int i = 0; i < d.args().size(); i++) {
                boolean port = i == 0 && d.arg(0).indexOf('=') < 0;
                OptionArg o = port ? new OptionArg("port", d.arg(0), d.at(0)) : OptionArg.of(d, i).get(0);
                add(settings, o, d.text());
            }
        }
        JsonObjectBuilder endpoint = Json.createObjectBuilder();
        settings.forEach((name, o) -> {
            switch (name) {
                case "port" -> endpoint.add("port", o.integer(0, Values.MAX_COUNT));
                case "latency" -> endpoint.add("latency", o.integer(0, Values.MAX_COUNT));
                case "address" -> endpoint.add("address", o.text());
                default -> endpoint.add("passphrase", o.text());
            }
        });
        json.set(key, endpoint.build(), d.at());
        settings.forEach((name, o) -> json.positions().put(key + "." + name, o.at()));
    }

    private static void add(Map<String, OptionArg> settings, OptionArg o, String directive) {
        if (!o.key().equals("port") && !o.key().equals("passphrase") && !o.key().equals("latency") && !o.key().equals("address")) {
            throw Refuse.option(new Position(o.at().line(), o.at().column(), directive), o.key(), null);
        }
        if (settings.putIfAbsent(o.key(), o) != null) {
            throw Refuse.invalid(o.at(), o.key() + " is given twice.");
        }
    }
}
