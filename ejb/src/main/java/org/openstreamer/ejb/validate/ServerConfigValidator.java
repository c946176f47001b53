package org.openstreamer.ejb.validate;

import org.openstreamer.ejb.auth.AuthBackendRules;

import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.model.HttpListener;
import org.openstreamer.ejb.model.ServerConfigDefinition;
import org.openstreamer.ejb.model.SrtListenerRange;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the server-wide settings: global SRT endpoints (each with a port), listener ranges
 * (mode publish or play, 1 <= first <= last <= 65535, no two ranges overlapping; SRT ports
 * listen on IPv4 addresses only),
 * {@code config_external} (an http or https URL), HTTP listeners (distinct ports, addresses as IP
 * literals), {@code url_prefix} (an http or https URL, or a path from /) and {@code cluster_key}.
 */
public final class ServerConfigValidator {

    public static final int MAX_LISTENERS = 64;
    public static final int MAX_URL_LENGTH = 2048;
    public static final int MAX_HTTP_LISTENERS = 16;
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");
    private static final Pattern CLUSTER_KEY = Pattern.compile("[\\x21-\\x7e&&[^;{}\"'#]]{1,255}");

    private ServerConfigValidator() {
    }

    public static void validate(ServerConfigDefinition c) {
        SrtEndpointValidator.validate(c.endpoints(), true, "the server");
        listeners(c.listeners());
        configExternal(c.configExternal());
        http(c.http());
        rtmp(c.rtmpPort(), c.http());
        urlPrefix(c.urlPrefix());
        StreamOptionsValidator.playBackend(c.playback().onPlay(), "on_play");
        authBackends(c.playback().authBackends());
        if (c.playback().maxSessions() != null) {
            StreamOptionsValidator.range(c.playback().maxSessions(), 1, StreamOptionsValidator.MAX_SESSIONS, "max_sessions", "sessions");
        }
        if (c.clusterKey() != null && !CLUSTER_KEY.matcher(c.clusterKey()).matches()) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, "cluster_key",
                    "cluster_key has 1 to 255 printable characters, without spaces, quotes, ';', '#', '{' or '}'.");
        }
    }

    /** Named backends: a name usable in {@code auth://NAME}, and rules {@link AuthBackendRules} understands. */
    static void authBackends(Map<String, List<String>> named) {
        if (named.size() > 100) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, "auth_backends", "at most 100 auth_backend blocks.");
        }
        named.forEach((name, rules) -> {
            String field = "auth_backends." + name;
            if (!StreamOptionsValidator.AUTH_BACKEND_NAME.matcher(name).matches()) {
                throw ConfigException.invalid(ConfigException.INVALID_VALUE, field,
                        "an auth_backend name has 1 to 64 letters, digits, '_' or '-'.");
            }
            if (rules.size() > 1000 || rules.stream().anyMatch(r -> r.length() > 2048)) {
                throw ConfigException.invalid(ConfigException.INVALID_VALUE, field,
                        "an auth_backend has at most 1000 rules of 2048 characters.");
            }
            try {
                AuthBackendRules.parse(rules);
            } catch (IllegalArgumentException e) {
                throw ConfigException.invalid(ConfigException.INVALID_VALUE, field, "auth_backend " + name + ": " + e.getMessage() + ".");
            }
        });
    }

    static void http(List<HttpListener> listeners) {
        if (listeners.size() > MAX_HTTP_LISTENERS) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, "listeners.http",
                    "At most " + MAX_HTTP_LISTENERS + " HTTP listeners.");
        }
        for (int i = 0; i < listeners.size(); i++) {
            HttpListener l = listeners.get(i);
            String field = "listeners.http[" + i + "]";
            if (l.port() < 1 || l.port() > 65535) {
                throw ConfigException.invalid(ConfigException.INVALID_VALUE, field + ".port", "A port is 1..65535.");
            }
            if (l.address() != null && !IP_LITERAL.matcher(l.address()).matches()) {
                throw ConfigException.invalid(ConfigException.INVALID_VALUE, field + ".address",
                        "An HTTP listener's address is an IPv4 or IPv6 address (127.0.0.1, ::1), not a host name.");
            }
            for (int j = 0; j < i; j++) {
                if (listeners.get(j).port() == l.port()) {
                    throw ConfigException.conflict(ConfigException.PORT_CONFLICT, field + ".port",
                            "Port " + l.port() + " is already used by listeners.http[" + j + "].");
                }
            }
        }
    }

    /** 0 (off) or a TCP port no extra HTTP listener uses. */
    static void rtmp(Integer port, List<HttpListener> http) {
        if (port == null) {
            return;
        }
        if (port < 0 || port > 65535) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, "listeners.rtmp[0].port",
                    "The RTMP port is 1..65535, or 0 to turn RTMP off.");
        }
        for (int i = 0; i < http.size(); i++) {
            if (port != 0 && http.get(i).port() == port) {
                throw ConfigException.conflict(ConfigException.PORT_CONFLICT, "listeners.rtmp[0].port",
                        "Port " + port + " is already used by listeners.http[" + i + "].");
            }
        }
    }

    static void urlPrefix(String prefix) {
        if (prefix == null) {
            return;
        }
        boolean ok = prefix.length() <= MAX_URL_LENGTH && prefix.chars().noneMatch(Character::isWhitespace);
        if (ok && !prefix.startsWith("/")) {
            try {
                URI uri = new URI(prefix);
                ok = ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                        && uri.getHost() != null && uri.getQuery() == null && uri.getFragment() == null;
            } catch (URISyntaxException e) {
                ok = false;
            }
        }
        if (!ok) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, "url_prefix",
                    "url_prefix is an http:// or https:// URL (http://cdn.example.com:8080) or a path from / (/live).");
        }
    }

    static void listeners(List<SrtListenerRange> ranges) {
        if (ranges.size() > MAX_LISTENERS) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, "listeners.srt",
                    "At most " + MAX_LISTENERS + " SRT listener ranges.");
        }
        for (int i = 0; i < ranges.size(); i++) {
            SrtListenerRange r = ranges.get(i);
            String field = "listeners.srt[" + i + "]";
            if (!Set.of(SrtListenerRange.PUBLISH, SrtListenerRange.PLAY).contains(r.mode())) {
                throw ConfigException.invalid(ConfigException.INVALID_VALUE, field + ".mode",
                        "A listener's mode is publish or play.");
            }
            if (r.first() < 1 || r.last() > 65535 || r.first() > r.last()) {
                throw ConfigException.invalid(ConfigException.INVALID_VALUE, field + ".ports",
                        "A listener's ports are first..last with 1 <= first <= last <= 65535.");
            }
            SrtEndpointValidator.bindAddress(r.address(), field + ".address");
            for (int j = 0; j < i; j++) {
                if (r.overlaps(ranges.get(j))) {
                    throw ConfigException.invalid(ConfigException.INVALID_VALUE, field + ".ports",
                            "Ports " + r.first() + "-" + r.last() + " overlap listeners.srt[" + j + "].");
                }
            }
        }
    }

    static void configExternal(String url) {
        if (url == null) {
            return;
        }
        try {
            URI uri = new URI(url);
            boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (web && uri.getHost() != null && url.length() <= MAX_URL_LENGTH) {
                return;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw ConfigException.invalid(ConfigException.INVALID_VALUE, "config_external",
                "config_external is the http:// or https:// base URL of the configuration backend.");
    }
}
