package org.openstreamer.ejb.validate;

import org.openstreamer.connector.api.StreamName;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.model.InputDefinition;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the inputs of a stream: a URL with a known scheme, priority 0..100, source_timeout
 * 1..3600 s, and only known options ({@link InputOption}) of the right type.
 */
public final class InputValidator {

    /**
     * Sources the server takes or will take. The reference's compositing and capture schemes
     * (rtsp2, mixer, mosaic, playlist, decklink, shout) are refused until they are supported.
     */
    public static final Set<String> SCHEMES = Set.of("publish", "srt", "udp", "rtp", "rtsp", "rtmp", "rtmps",
            "tshttp", "tshttps", "tstcp", "hls", "hlss", "hls2", "hlss2", "https", "m4f", "file", "copy", "timeshift", "fake");
    public static final int MAX_INPUTS = 32;
    public static final int MAX_URL_LENGTH = 2048;

    private static final Pattern URL = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://(\\S*)");
    private static final Pattern TIMESHIFT = Pattern.compile(StreamName.PATTERN + "/[1-9]\\d{0,8}");

    private InputValidator() {
    }

    public static void validate(List<InputDefinition> inputs) {
        if (inputs.size() > MAX_INPUTS) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, "inputs",
                    "A stream has at most " + MAX_INPUTS + " inputs.");
        }
        for (int i = 0; i < inputs.size(); i++) {
            validate(inputs.get(i), "inputs[" + i + "]");
        }
    }

    static void validate(InputDefinition input, String field) {
        url(input.url(), field + ".url");
        if (input.priority() != null && (input.priority() < 0 || input.priority() > 100)) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, field + ".priority",
                    "priority is between 0 and 100 (lower is tried first).");
        }
        if (input.sourceTimeout() != null && (input.sourceTimeout() < 1 || input.sourceTimeout() > 3600)) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, field + ".source_timeout",
                    "source_timeout is between 1 and 3600 seconds.");
        }
        input.options().forEach((key, value) -> InputOption.of(key)
                .orElseThrow(() -> ConfigException.invalid(ConfigException.UNKNOWN_KEY, field + "." + key,
                        "Unknown input option '" + key + "'."))
                .check(value, field + "." + key));
    }

    static void url(String url, String field) {
        if (url == null || url.isEmpty()) {
            throw ConfigException.invalid(ConfigException.MISSING_VALUE, field, "Every input needs a url.");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, field,
                    "An input URL has at most " + MAX_URL_LENGTH + " characters.");
        }
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, field,
                    "An input URL is SCHEME://ADDRESS without spaces, e.g. publish:// or srt://host:port.");
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        if (scheme.equals("http")) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, field,
                    "http:// does not say what to fetch: use tshttp:// for MPEG-TS over HTTP or hls:// for HLS.");
        }
        if (!SCHEMES.contains(scheme)) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, field,
                    "Unknown input scheme '" + scheme + "://'; known schemes: " + String.join(", ", new TreeSet<>(SCHEMES)) + ".");
        }
        if (scheme.equals("timeshift") && (!TIMESHIFT.matcher(m.group(2)).matches()
                || !StreamName.isValid(m.group(2).substring(0, m.group(2).lastIndexOf('/'))))) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, field,
                    "timeshift:// names a recorded stream and a delay in seconds: timeshift://ort/3600.");
        }
        boolean hasAddress = !m.group(2).isEmpty();
        if (scheme.equals("publish") == hasAddress) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, field, scheme.equals("publish")
                    ? "publish:// takes nothing after the scheme."
                    : scheme + ":// needs an address after the scheme.");
        }
        PulledUrlRules.check(scheme, scheme + url.substring(url.indexOf(':')), field);
    }
}
