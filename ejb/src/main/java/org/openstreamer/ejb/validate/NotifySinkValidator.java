package org.openstreamer.ejb.validate;

import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.model.NotifySink;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.openstreamer.ejb.error.ConfigException.INVALID_VALUE;
import static org.openstreamer.ejb.error.ConfigException.MISSING_VALUE;

/** Checks an event sink before it is stored: its name, URL, rules and verbose level. */
public final class NotifySinkValidator {

    public static final Set<String> VERBOSE = Set.of("debug", "info", "alert");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern KEY = Pattern.compile("[a-z_][a-z0-9_]{0,63}");
    private static final int MAX_RULES = 64;

    private NotifySinkValidator() {
    }

    public static void validate(NotifySink s) {
        if (!NAME.matcher(s.name()).matches()) {
            throw ConfigException.invalid(INVALID_VALUE, "name",
                    "A sink name is 1 to 64 letters, digits, '_', '.' or '-', not '" + s.name() + "'.");
        }
        if (s.sink() == null || s.sink().isBlank()) {
            throw ConfigException.invalid(MISSING_VALUE, "sink", "A sink needs its sink URL (http://, https:// or log://).");
        }
        target(s.sink());
        rules("only", s.only());
        rules("except", s.except());
        if (s.signKey() != null && s.signKey().isEmpty()) {
            throw ConfigException.invalid(INVALID_VALUE, "sign_key", "sign_key must not be empty; leave it out to send unsigned.");
        }
        if (!VERBOSE.contains(s.verbose())) {
            throw ConfigException.invalid(INVALID_VALUE, "verbose", "verbose is debug, info or alert, not '" + s.verbose() + "'.");
        }
    }

    /** The URL of an http(s) sink, or the relative path of a log:// sink; refuses anything else. */
    public static Object target(String sink) {
        String lower = sink.toLowerCase(Locale.ROOT);
        if (lower.startsWith("log://")) {
            String file = sink.substring("log://".length());
            Path p;
            try {
                p = Path.of(file).normalize();
            } catch (InvalidPathException e) { // a NUL character, say
                p = null;
            }
            if (p == null || file.isEmpty() || p.isAbsolute() || p.startsWith("..") || p.getFileName() == null) {
                throw ConfigException.invalid(INVALID_VALUE, "sink",
                        "A log:// sink names a file below the server's log folder, such as log://events/all.log.");
            }
            return p;
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            try {
                URI uri = new URI(sink);
                if (uri.getHost() == null) {
                    throw new URISyntaxException(sink, "no host");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw ConfigException.invalid(INVALID_VALUE, "sink", "The sink URL '" + sink + "' is not a valid URL: " + e.getMessage());
            }
        }
        throw ConfigException.invalid(INVALID_VALUE, "sink",
                "Sinks are http://, https:// or log:// URLs (Lua scripts are not supported), not '" + sink + "'.");
    }

    private static void rules(String field, List<Map<String, List<String>>> rules) {
        if (rules.size() > MAX_RULES) {
            throw ConfigException.invalid(INVALID_VALUE, field, "At most " + MAX_RULES + " " + field + " rules.");
        }
        for (int i = 0; i < rules.size(); i++) {
            String at = field + "[" + i + "]";
            if (rules.get(i).isEmpty()) {
                throw ConfigException.invalid(INVALID_VALUE, at, "A rule needs at least one key=value.");
            }
            for (Map.Entry<String, List<String>> e : rules.get(i).entrySet()) {
                if (!KEY.matcher(e.getKey()).matches()) {
                    throw ConfigException.invalid(INVALID_VALUE, at, "'" + e.getKey() + "' is not an event field name.");
                }
                if (e.getValue().isEmpty() || e.getValue().stream().anyMatch(String::isEmpty)) {
                    throw ConfigException.invalid(INVALID_VALUE, at + "." + e.getKey(), "Each key needs one or more non-empty values.");
                }
            }
        }
    }
}
