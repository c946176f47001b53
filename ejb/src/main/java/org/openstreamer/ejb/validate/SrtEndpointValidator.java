package org.openstreamer.ejb.validate;

import org.openstreamer.connector.api.SrtEndpoint;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.model.SrtKind;

import java.util.HashMap;
import java.util.Map;

/**
 * Checks SRT endpoints: port 1..65535 (or none, for a stream's endpoint), passphrase of 10..79
 * printable ASCII characters (the SRT library's limits), latency 20..8000 ms, and no port used
 * twice by one owner.
 */
public final class SrtEndpointValidator {

    public static final int MIN_PASSPHRASE = 10;
    public static final int MAX_PASSPHRASE = 79;
    public static final int MIN_LATENCY_MS = 20;
    public static final int MAX_LATENCY_MS = 8000;

    private SrtEndpointValidator() {
    }

    /** @param owner how the owner is named in a conflict message: "this stream", "the server" */
    public static void validate(Map<SrtKind, SrtEndpoint> endpoints, boolean portRequired, String owner) {
        Map<Integer, SrtKind> used = new HashMap<>();
        endpoints.forEach((kind, e) -> {
            validate(e, kind.key(), portRequired);
            if (e.hasPort()) {
                SrtKind other = used.putIfAbsent(e.port(), kind);
                if (other != null) {
                    throw ConfigException.conflict(ConfigException.PORT_CONFLICT, kind.key() + ".port",
                            "Port " + e.port() + " is used twice by " + owner + ": by " + other.key()
                                    + " and by " + kind.key() + ".");
                }
            }
        });
    }

    static void validate(SrtEndpoint e, String field, boolean portRequired) {
        if (e.port() < 0 || e.port() > 65535) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, field + ".port",
                    "An SRT port is between 1 and 65535.");
        }
        if (portRequired && !e.hasPort()) {
            throw ConfigException.invalid(ConfigException.MISSING_VALUE, field + ".port",
                    "A global SRT endpoint needs a port.");
        }
        String p = e.passphrase();
        if (p != null && (p.length() < MIN_PASSPHRASE || p.length() > MAX_PASSPHRASE)) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, field + ".passphrase",
                    "An SRT passphrase has " + MIN_PASSPHRASE + " to " + MAX_PASSPHRASE + " characters (this one has "
                            + p.length() + ").");
        }
        if (p != null && !p.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, field + ".passphrase",
                    "An SRT passphrase is made of printable ASCII characters.");
        }
        if (e.latencyMs() < MIN_LATENCY_MS || e.latencyMs() > MAX_LATENCY_MS) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, field + ".latency",
                    "SRT latency is between " + MIN_LATENCY_MS + " and " + MAX_LATENCY_MS + " milliseconds.");
        }
        bindAddress(e.bindAddress(), field + ".address");
    }

    /**
     * An SRT port's own address, if it names one: an IPv4 literal, as libsrt listens on IPv4 only
     * here; a host name is refused rather than looked up, so the port cannot move with DNS.
     */
    static void bindAddress(String address, String field) {
        if (address != null && !isIpv4(address)) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, field,
                    "An SRT listener's address is an IPv4 address such as 127.0.0.1 or 192.0.2.10 (0.0.0.0 for every "
                            + "interface), not a host name or an IPv6 address; leave address out to use the server's.");
        }
    }

    static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
