package org.openstreamer.ejb.config.text;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's listeners: {@code http 80;} or {@code http 127.0.0.1:8080;} (one line per port, as
 * in the reference; likewise https, rtmp, rtmps, rtsp, rtsps) appended to
 * {@code listeners.PROTOCOL}, and the SRT port ranges resolved through {@code config_external},
 * which the reference sets only in JSON and the text format writes as
 * <pre>
 *   listeners {
 *     srt publish 2345-12344;
 *     srt play 20000-20099;
 *     srt publish 192.0.2.10:30000-30099;   (listening on that address only)
 *   }
 * </pre>
 */
final class ListenerDirective {

    private static final Pattern ADDRESS_PORT = Pattern.compile("(?:\\[([0-9A-Fa-f:.]+)]|([^:\\[\\]]+)):(\\d{1,5})|(\\d{1,5})");
    private static final Pattern RANGE = Pattern.compile("(?:([0-9.]+):)?(\\d{1,5})(?:-(\\d{1,5}))?");

    private ListenerDirective() {
    }

    /** {@code http [ADDRESS:]PORT;} */
    static void port(Directive d, String key, BlockJson json) {
        Values.arguments(d, 1, "one port, or ADDRESS:PORT");
        Matcher m = ADDRESS_PORT.matcher(d.arg(0));
        if (!m.matches()) {
            throw Refuse.invalid(d.at(0), "'" + d.text() + "' takes a port (80) or an address and a port (127.0.0.1:80).");
        }
        JsonObjectBuilder listener = Json.createObjectBuilder();
        String address = m.group(1) != null ? m.group(1) : m.group(2);
        if (address != null) {
            listener.add("address", address);
        }
        listener.add("port", Integer.parseInt(m.group(3) != null ? m.group(3) : m.group(4)));
        String field = json.append(key, listener.build(), d.at());
        json.positions().put(field + ".port", d.at(0));
    }

    /** {@code listeners { srt MODE FIRST-LAST; http 8080; ... }} */
    static void block(Directive d, String key, BlockJson json) {
        if (!d.hasBlock() || !d.args().isEmpty()) {
            throw Refuse.invalid(d.at(), "write the listeners as a block: listeners { srt publish 2345-12344; }");
        }
        for (Directive inner : d.block()) {
            if (inner.text().equals("srt")) {
                srtRange(inner, key + ".srt", json);
            } else if (ServerDirectives.LISTENERS.contains(inner.text())) {
                port(inner, key + "." + inner.text(), json);
            } else {
                throw Refuse.directive(inner.at(), "a listeners block holds 'srt MODE FIRST-LAST;' and "
                        + String.join(", ", ServerDirectives.LISTENERS) + " ports");
            }
        }
    }

    /** {@code srt publish 2345-12344;}, {@code srt play 9000;} or {@code srt publish 192.0.2.10:2345-12344;} */
    private static void srtRange(Directive d, String key, BlockJson json) {
        Values.arguments(d, 2, "a mode (publish or play) and a port range FIRST-LAST");
        Matcher m = RANGE.matcher(d.arg(1));
        if (!m.matches()) {
            throw Refuse.invalid(d.at(1), "an SRT listener range is FIRST-LAST (2345-12344) or one port, "
                    + "after an IPv4 address and a colon to listen on that address only (192.0.2.10:2345-12344).");
        }
        int first = Integer.parseInt(m.group(2));
        int last = m.group(3) == null ? first : Integer.parseInt(m.group(3));
        JsonObjectBuilder range = Json.createObjectBuilder().add("mode", d.arg(0))
                .add("ports", Json.createObjectBuilder().add("first", first).add("last", last));
        if (m.group(1) != null) {
            range.add("address", m.group(1));
        }
        String field = json.append(key, range.build(), d.at());
        if (m.group(1) != null) {
            json.positions().put(field + ".address", d.at(1));
        }
        json.positions().put(field + ".mode", d.at(0));
        json.positions().put(field + ".ports", d.at(1));
    }
}
