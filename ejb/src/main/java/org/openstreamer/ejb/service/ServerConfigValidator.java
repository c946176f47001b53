package org.openstreamer.ejb.service;

import org.openstreamer.ejb.model.ServerConfigDefinition;
import org.openstreamer.ejb.model.SrtListenerRange;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;

/**
 * Checks the server-wide settings: global SRT endpoints (each with a port), listener ranges
 * (mode publish or play, 1 <= first <= last <= 65535, no two ranges overlapping) and
 * {@code config_external} (an http or https URL).
 */
public final class ServerConfigValidator {

    public static final int MAX_LISTENERS = 64;
    public static final int MAX_URL_LENGTH = 2048;

    private ServerConfigValidator() {
    }

    public static void validate(ServerConfigDefinition c) {
        SrtEndpointValidator.validate(c.endpoints(), true, "the server");
        listeners(c.listeners());
        configExternal(c.configExternal());
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
