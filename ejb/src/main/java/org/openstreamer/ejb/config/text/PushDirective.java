package org.openstreamer.ejb.config.text;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code push URL [retry_timeout=N] [retry_limit=N] [disabled] [timeout=N] [tls_verify=false];}: one entry of
 * {@code pushes}, durations in seconds. The older {@code udp ADDRESS;} is read as
 * {@code push udp://ADDRESS;}, with a warning.
 */
final class PushDirective {

    private PushDirective() {
    }

    static void push(Directive d, String key, BlockJson json) {
        if (d.args().isEmpty()) {
            throw Refuse.invalid(d.at(), "'push' needs a URL: push SCHEME://ADDRESS;");
        }
        append(d, d.arg(0), key, json);
    }

    static void legacyUdp(Directive d, String key, BlockJson json) {
        if (d.args().isEmpty()) {
            throw Refuse.invalid(d.at(), "'udp' needs an address: udp 239.0.0.1:1234;");
        }
        String url = "udp://" + d.arg(0);
        append(d, url, key, json);
        json.warn(Problem.LEGACY_CONVERTED, "Legacy directive 'udp' at " + d.at().describe() + " read as 'push " + url + "'.",
                d.at());
    }

    private static void append(Directive d, String url, String key, BlockJson json) {
        JsonObjectBuilder push = Json.createObjectBuilder().add("url", url);
        List<OptionArg> options = OptionArg.of(d, 1);
        Set<String> seen = new HashSet<>();
        for (OptionArg o : options) {
            if (!seen.add(o.key())) {
                throw Refuse.invalid(o.at(), "option " + o.key() + " is given twice.");
            }
            switch (o.key()) {
                case "retry_timeout" -> push.add("retry_timeout", o.seconds());
                case "retry_limit" -> push.add("retry_limit", o.integer(0, Values.MAX_COUNT));
                case "timeout" -> push.add("timeout", o.seconds());
                case "disabled" -> push.add("disabled", o.bool());
                case "tls_verify" -> push.add("tls_verify", o.bool());
                default -> throw Refuse.option(o.at(), o.key(), null);
            }
        }
        String field = json.append(key, push.build(), d.at());
        json.positions().put(field + ".url", d.args().isEmpty() ? d.at() : d.at(0));
        options.forEach(o -> json.positions().put(field + "." + o.key(), o.at()));
    }
}
