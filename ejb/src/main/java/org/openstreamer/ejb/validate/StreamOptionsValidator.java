package org.openstreamer.ejb.validate;

import org.openstreamer.ejb.auth.RefererDomains;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.model.Backup;
import org.openstreamer.ejb.model.StreamOptions;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks the options of a stream, publish location or template before anything is written; each
 * refusal names the field in API spelling. Inputs, SRT endpoints, DVR and pushes have their own
 * validators. Port conflicts with other owners need the database and are found by
 * {@code service.SrtPortRegistry}.
 */
public final class StreamOptionsValidator {

    public static final int MAX_TITLE = 255;
    public static final int MAX_META_CHARS = 16 * 1024;
    public static final int MAX_CLIENTS_TIMEOUT = 86_400;
    public static final int MAX_RETRY_LIMIT = 1_000_000;
    public static final int MAX_SESSIONS = 10_000_000;
    /** kbit/s: 10 Gbit/s. */
    public static final int MAX_BITRATE = 10_000_000;
    public static final int MAX_PASSWORD = 255;
    public static final int MAX_PATH = 1024;

    private static final Pattern PASSWORD = Pattern.compile("[\\x21-\\x7e]+");

    private StreamOptionsValidator() {
    }

    /**
     * @param ownPorts whether SRT endpoints may have ports of their own: a stream's may; those of a
     *                 publish location or template only set passphrase and latency on the global ports
     */
    public static void validate(StreamOptions o, boolean ownPorts) {
        if (o.title() != null && (o.title().length() > MAX_TITLE || o.title().chars().anyMatch(c -> c < 0x20))) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, "title",
                    "A title has at most " + MAX_TITLE + " characters and no control characters.");
        }
        range(o.clientsTimeout(), 0, MAX_CLIENTS_TIMEOUT, "clients_timeout", "seconds");
        range(o.retryLimit(), 1, MAX_RETRY_LIMIT, "retry_limit", "attempts");
        if (o.password() != null && (o.password().length() > MAX_PASSWORD || !PASSWORD.matcher(o.password()).matches())) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, "password",
                    "A publish password has 1 to " + MAX_PASSWORD + " printable ASCII characters and no spaces.");
        }
        hookUrl(o.onPublish(), "on_publish");
        playBackend(o.onPlay(), "on_play");
        if (o.maxSessions() != null) {
            range(o.maxSessions(), 1, MAX_SESSIONS, "max_sessions", "sessions");
        }
        domains(o.domains());
        if (o.maxBitrate() != null) {
            range(o.maxBitrate(), 1, MAX_BITRATE, "max_bitrate", "kbit/s");
        }
        range(o.segmentDuration(), 1, 60, "segment_duration", "seconds");
        range(o.segmentCount(), 1, 100, "segment_count", "segments");
        InputValidator.validate(o.inputs());
        if (o.framesTimeout() != null) {
            range(o.framesTimeout(), 1, 3600, "frames_timeout", "seconds");
        }
        if (o.rtp() != null && !o.rtp().equals("udp") && !o.rtp().equals("tcp")) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, "rtp",
                    "rtp is udp (RTP of RTSP inputs over UDP) or tcp (interleaved in the RTSP connection, the default).");
        }
        SrtEndpointValidator.validate(o.endpoints(), false, "this stream");
        if (!ownPorts) {
            o.endpoints().forEach((kind, e) -> {
                if (e.hasPort()) {
                    throw ConfigException.invalid(ConfigException.INVALID_VALUE, kind.key() + ".port",
                            "Streams made from a prefix are reached through the global SRT ports: set only passphrase and latency here.");
                }
            });
        }
        DvrValidator.validate(o.dvr());
        PushValidator.validate(o.pushes());
        backup(o.backup());
        if (o.meta().toString().length() > MAX_META_CHARS) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, "meta",
                    "meta holds at most " + MAX_META_CHARS + " characters of JSON.");
        }
    }

    static void range(long value, long min, long max, String field, String unit) {
        if (value < min || value > max) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, field,
                    field + " is between " + min + " and " + max + " " + unit + ".");
        }
    }

    /** {@code domains}: up to 100 patterns a {@link RefererDomains} understands, 4,000 characters in all (one column). */
    static void domains(List<String> domains) {
        if (domains.isEmpty()) {
            return;
        }
        if (domains.size() > 100 || String.join(" ", domains).length() > 4000) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, "domains",
                    "domains holds at most 100 host names, 4,000 characters in all.");
        }
        try {
            RefererDomains.parse(domains);
        } catch (IllegalArgumentException e) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, "domains",
                    "domains: " + e.getMessage() + " (example: [\"example.com\", \"*.example.com\"]).");
        }
    }

    /** The prefix of {@code on_play} values checked by the server itself, with the secret after it. */
    public static final String SECURETOKEN = "securetoken://";

    /** The prefix of {@code on_play} values naming an {@code auth_backend} block. */
    public static final String AUTH = "auth://";
    static final java.util.regex.Pattern AUTH_BACKEND_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /**
     * on_play: an HTTP(S) backend, {@code securetoken://SECRET} (tokens the server checks
     * itself) or {@code auth://NAME} (a named {@code auth_backend} of the server settings).
     */
    static void playBackend(String url, String field) {
        if (url != null && url.regionMatches(true, 0, SECURETOKEN, 0, SECURETOKEN.length())) {
            String secret = url.substring(SECURETOKEN.length());
            if (secret.isEmpty() || secret.length() > 256 || !secret.matches("[A-Za-z0-9._~!$&'()*+,;=:@%-]+")) {
                throw ConfigException.invalid(ConfigException.INVALID_VALUE, field,
                        field + " securetoken://SECRET needs a secret of 1 to 256 letters, digits and URL-safe characters.");
            }
            return;
        }
        if (url != null && url.regionMatches(true, 0, AUTH, 0, AUTH.length())) {
            if (!AUTH_BACKEND_NAME.matcher(url.substring(AUTH.length())).matches()) {
                throw ConfigException.invalid(ConfigException.INVALID_VALUE, field,
                        field + " auth://NAME names an auth_backend block: 1 to 64 letters, digits, '_' or '-'.");
            }
            return;
        }
        hookUrl(url, field);
    }

    /** on_publish / on_play: the HTTP(S) address of an authorization backend. */
    static void hookUrl(String url, String field) {
        if (url == null) {
            return;
        }
        String message = field + " is the http:// or https:// address of your backend, e.g. http://auth.example.com/check"
                + " (scripts are not supported).";
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (url.length() > InputValidator.MAX_URL_LENGTH || uri.getHost() == null
                    || !(scheme.equals("http") || scheme.equals("https"))) {
                throw ConfigException.invalid(ConfigException.INVALID_VALUE, field, message);
            }
        } catch (URISyntaxException e) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, field, message);
        }
    }

    /** A file of a VOD location: a relative path such as {@code vod/blank.mp4}. */
    static void backup(Backup b) {
        if (b == null) {
            return;
        }
        if (b.file() == null || b.file().isEmpty()) {
            throw ConfigException.invalid(ConfigException.MISSING_VALUE, "backup.file",
                    "backup needs a file, relative to a VOD location: vod/blank.mp4.");
        }
        if (!Paths.isRelativeUnder(b.file()) || !b.file().contains("/")) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, "backup.file",
                    "backup.file is a path relative to a VOD location (vod/blank.mp4): no leading '/', no '..', no scheme.");
        }
    }
}
