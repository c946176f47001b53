package org.openstreamer.ejb.validate;

import org.openstreamer.ejb.error.ConfigException;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * The shape of the URLs of inputs the server pulls with its own clients beyond MPEG-TS over UDP,
 * HTTP and TCP: {@code srt://HOST:PORT?passphrase=..&streamid=..&latency=..} (we call),
 * {@code hls[s][2]://HOST[:PORT]/PATH}, {@code tshttps://HOST[:PORT]/PATH},
 * {@code rtmp://HOST[:PORT]/APP/NAME} and {@code file://PATH} (under the server's file folder).
 * The engine checks them again; this check answers the API with a clear message at once.
 */
final class PulledUrlRules {

    static final Set<String> SRT_QUERY = Set.of("passphrase", "streamid", "latency");

    private PulledUrlRules() {
    }

    /** Refuses a malformed URL of one of these schemes; other schemes pass. */
    static void check(String scheme, String given, String field) {
        String url = given.replace("%s", "s"); // a template's or location's placeholder for the stream name
        switch (scheme) {
            case "srt" -> srt(uri(url, field), field);
            case "hls", "hlss", "hls2", "hlss2", "tshttps" -> {
                URI u = hostAndPort(uri(url, field), false, field);
                if (!scheme.equals("tshttps") && (u.getRawPath() == null || u.getRawPath().length() < 2)) {
                    throw bad(field, "An HLS input names its playlist: " + scheme + "://HOST[:PORT]/PATH/index.m3u8.");
                }
            }
            case "rtmp" -> {
                URI u = hostAndPort(uri(url, field), false, field);
                String path = u.getRawPath() == null ? "" : u.getRawPath();
                int slash = path.lastIndexOf('/');
                if (slash <= 0 || slash == path.length() - 1) {
                    throw bad(field, "An RTMP input is rtmp://HOST[:PORT]/APP/NAME.");
                }
            }
            case "file" -> file(url.substring("file://".length()), field);
            default -> {
                // other schemes: the generic check only
            }
        }
    }

    private static void srt(URI u, String field) {
        hostAndPort(u, true, field);
        if (u.getRawPath() != null && !u.getRawPath().isEmpty() && !u.getRawPath().equals("/")) {
            throw bad(field, "An SRT input is srt://HOST:PORT?OPTIONS, without a path.");
        }
        String query = u.getRawQuery();
        if (query == null) {
            return;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            switch (key) {
                case "passphrase" -> {
                    if (value.length() < 10 || value.length() > 79) {
                        throw bad(field, "The SRT passphrase has 10 to 79 characters.");
                    }
                }
                case "streamid" -> {
                    if (value.length() > 512) {
                        throw bad(field, "The SRT streamid has at most 512 characters.");
                    }
                }
                case "latency" -> {
                    if (!value.matches("\\d{1,5}") || Integer.parseInt(value) > 60_000) {
                        throw bad(field, "The SRT latency is a number of milliseconds from 0 to 60000.");
                    }
                }
                default -> throw bad(field, "Unknown SRT option '" + key + "'; an SRT input takes "
                        + String.join(", ", new java.util.TreeSet<>(SRT_QUERY)) + ".");
            }
        }
    }

    private static void file(String path, String field) {
        int q = path.indexOf('?');
        String p = q < 0 ? path : path.substring(0, q);
        if (p.isEmpty() || p.startsWith("/")) {
            throw bad(field, "A file input names a file under the server's file folder: file://vod/backup.ts (no leading /).");
        }
        for (String part : p.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw bad(field, "A file input's path may not contain empty, . or .. parts.");
            }
        }
    }

    private static URI uri(String url, String field) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw bad(field, "Malformed URL: " + e.getReason() + ".");
        }
    }

    private static URI hostAndPort(URI u, boolean portRequired, String field) {
        if (u.getHost() == null || u.getHost().isEmpty()) {
            throw bad(field, "The URL names no host.");
        }
        if (portRequired && u.getPort() <= 0 || u.getPort() > 65535) {
            throw bad(field, "The URL needs a port from 1 to 65535.");
        }
        return u;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static ConfigException bad(String field, String message) {
        return ConfigException.invalid(ConfigException.INVALID_VALUE, field, message);
    }
}
