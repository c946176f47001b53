package org.openstreamer.ejb.validate;

import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.model.Push;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the pushes of a stream: a destination URL of a protocol the reference pushes with,
 * retry_timeout 1..3600 s, retry_limit and timeout positive when given.
 */
public final class PushValidator {

    public static final Set<String> SCHEMES = Set.of("rtmp", "rtmps", "tshttp", "tshttps", "hls", "hlss", "m4s",
            "udp", "srt");
    public static final int MAX_PUSHES = 128;

    private static final Pattern URL = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://(\\S+)");

    private PushValidator() {
    }

    public static void validate(List<Push> pushes) {
        if (pushes.size() > MAX_PUSHES) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, "pushes",
                    "A stream has at most " + MAX_PUSHES + " pushes.");
        }
        for (int i = 0; i < pushes.size(); i++) {
            validate(pushes.get(i), "pushes[" + i + "]");
        }
    }

    static void validate(Push p, String field) {
        url(p.url(), field + ".url");
        StreamOptionsValidator.range(p.retryTimeout(), 1, 3600, field + ".retry_timeout", "seconds");
        if (p.retryLimit() != null) {
            StreamOptionsValidator.range(p.retryLimit(), 1, StreamOptionsValidator.MAX_RETRY_LIMIT,
                    field + ".retry_limit", "attempts (leave it out to retry forever)");
        }
        if (p.timeout() != null) {
            StreamOptionsValidator.range(p.timeout(), 1, StreamOptionsValidator.MAX_CLIENTS_TIMEOUT, field + ".timeout", "seconds");
        }
    }

    private static void url(String url, String field) {
        if (url == null || url.isEmpty()) {
            throw ConfigException.invalid(ConfigException.MISSING_VALUE, field, "Every push needs a url.");
        }
        Matcher m = URL.matcher(url);
        if (url.length() > InputValidator.MAX_URL_LENGTH || !m.matches()) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, field,
                    "A push URL is SCHEME://ADDRESS without spaces, e.g. rtmp://cdn.example.com/live/%s.");
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        if (scheme.equals("http") || scheme.equals("https")) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, field,
                    scheme + ":// does not say how to push: use tshttp:// (MPEG-TS over HTTP) or hls:// (HLS).");
        }
        if (!SCHEMES.contains(scheme)) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, field, "Cannot push over '" + scheme
                    + "://'; push schemes: " + String.join(", ", new TreeSet<>(SCHEMES)) + ".");
        }
    }
}
