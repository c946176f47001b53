package org.openstreamer.ejb.json;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.openstreamer.connector.api.SrtEndpoint;
import org.openstreamer.ejb.error.ConfigException;

import java.util.Set;

import static org.openstreamer.ejb.util.Jsonp.JSON;

/**
 * An SRT endpoint in JSON: {@code {"port":9001,"passphrase":"...","latency":120}}. Every key is
 * optional: no port means no port of its own, no passphrase an unencrypted endpoint, latency
 * defaults to 120 ms. The server's endpoints may also name the {@code address} they listen on.
 */
public final class SrtEndpointJson {

    static final Set<String> KEYS = Set.of("port", "passphrase", "latency");
    static final Set<String> SERVER_KEYS = Set.of("port", "passphrase", "latency", "address");

    private SrtEndpointJson() {
    }

    /** The endpoint under {@code key} of {@code parent}, or null when absent. */
    public static SrtEndpoint read(JsonFields parent, String key) {
        return read(parent, key, false);
    }

    /** As {@link #read(JsonFields, String)}; {@code server}: an endpoint of the server, which may have an address. */
    public static SrtEndpoint read(JsonFields parent, String key, boolean server) {
        JsonFields e = parent.nested(key, server ? SERVER_KEYS : KEYS);
        if (e == null) {
            return null;
        }
        Integer port = e.integer("port");
        if (port != null && (port < 1 || port > 65535)) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, e.field("port"),
                    "An SRT port is between 1 and 65535 (leave port out for none).");
        }
        return new SrtEndpoint(port == null ? 0 : port, e.string("passphrase"),
                e.integer("latency", SrtEndpoint.DEFAULT_LATENCY_MS), server ? e.string("address") : null);
    }

    public static JsonObject write(SrtEndpoint e) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        if (e.hasPort()) {
            b.add("port", e.port());
        }
        if (e.passphrase() != null) {
            b.add("passphrase", e.passphrase());
        }
        if (e.bindAddress() != null) {
            b.add("address", e.bindAddress());
        }
        return b.add("latency", e.latencyMs()).build();
    }
}
