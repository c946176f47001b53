package org.openstreamer.connector.ingest.pull;

import org.openstreamer.connector.ingest.rtsp.RtspUrl;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/**
 * A pulled input taken apart: {@code udp://GROUP_OR_ADDRESS:PORT[/INTERFACE_ADDRESS]},
 * {@code tshttp[s]://HOST[:PORT]/PATH} (an HTTP GET whose body is the stream),
 * {@code tstcp://HOST:PORT} (the stream on a bare TCP connection), {@code srt://HOST:PORT?QUERY}
 * (we call an SRT listener), {@code hls[s]://HOST[:PORT]/PATH.m3u8} (and {@code hls[s]2://}, every variant), {@code rtmp://HOST[:PORT]/APP/NAME}
 * (we play it), {@code file://PATH} (a file under the server's file folder, looped) and
 * {@code rtsp://[USER:PASSWORD@]HOST[:PORT]/PATH} (a camera or RTSP server; its client parses the
 * URL again with the credentials, see {@code RtspUrl}).
 *
 * @param scheme  the kind of client
 * @param host    the address to listen on or join (udp), or to connect to; the first part of the path for file
 * @param port    the port (0 for file)
 * @param path    the path with its query (HTTP, HLS, RTMP), the query (srt), the interface address ({@code udp}),
 *                the file path under the folder (file), or null
 * @param url     the URL as configured, for events and logs
 * @param options the input's options ({@code user_agent}, {@code header.NAME}, {@code skip_stalled_check},
 *                {@code source_timeout}), never null
 */
public record PullUrl(Scheme scheme, String host, int port, String path, String url, Map<String, String> options) {

    public enum Scheme {
        UDP(0), TSHTTP(80), TSHTTPS(443), TSTCP(0), SRT(0), HLS(80), HLSS(443), HLS2(80), HLSS2(443), RTMP(1935), RTMPS(443), FILE(0), RTSP(554);

        /** The port when the URL gives none, 0 if it must. */
        final int defaultPort;

        Scheme(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        /** Whether its client speaks HTTP over TLS. */
        public boolean tls() {
            return this == TSHTTPS || this == HLSS || this == HLSS2;
        }

        static Scheme of(String url) {
            int colon = url == null ? -1 : url.indexOf("://");
            if (colon <= 0) {
                return null;
            }
            String name = url.substring(0, colon).toUpperCase(Locale.ROOT);
            for (Scheme s : values()) {
                if (s.name().equals(name)) {
                    return s;
                }
            }
            return null;
        }
    }

    public PullUrl {
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** The same address with another path (an HLS segment or variant on the same server). */
    public PullUrl withPath(Scheme otherScheme, String otherHost, int otherPort, String otherPath, String otherUrl) {
        return new PullUrl(otherScheme, otherHost, otherPort, otherPath, otherUrl, options);
    }

    /** An option's value, or {@code otherwise}. */
    public String option(String key, String otherwise) {
        return options.getOrDefault(key, otherwise);
    }

    /** The URL's scheme is one of these clients' ({@link #parse} may still refuse the rest of it). */
    public static boolean handles(String url) {
        return Scheme.of(url == null ? null : url.trim()) != null;
    }

    /**
     * {@code url} with the password of its user info replaced by {@code ***}, for events, logs and
     * the API's figures (an {@code rtsp://user:password@camera/} must not leak there).
     */
    public static String masked(String url) {
        return url == null ? null : url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://[^/@:?#]*):[^/@?#]*@", "$1:***@");
    }

    /** {@link #parse(String, Map)} without options. */
    public static PullUrl parse(String url) {
        return parse(url, Map.of());
    }

    /**
     * @throws IllegalArgumentException with a sentence saying what is wrong, for a URL these
     *                                  clients cannot use
     */
    public static PullUrl parse(String url, Map<String, String> options) {
        Scheme scheme = Scheme.of(url == null ? null : url.trim());
        if (scheme == null) {
            throw new IllegalArgumentException("not a URL of a pulled input (udp, tshttp, tshttps, tstcp, srt, hls, hlss, hls2, hlss2, "
                    + "rtmp, rtmps, file, rtsp): " + url);
        }
        if (scheme == Scheme.FILE) {
            return file(url, options);
        }
        if (scheme == Scheme.RTSP) {
            RtspUrl r = RtspUrl.parse(url);
            return new PullUrl(Scheme.RTSP, r.host(), r.port(), null, url.trim(), options);
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed URL " + url + ": " + e.getReason());
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("the URL names no host: " + url);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() < 0 ? scheme.defaultPort : uri.getPort();
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("the URL needs a port: " + url);
        }
        String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
        boolean noPath = rawPath.isEmpty() || rawPath.equals("/");
        String path = switch (scheme) {
            case TSHTTP, TSHTTPS, HLS, HLSS, HLS2, HLSS2, RTMP, RTMPS -> {
                String p = rawPath.isEmpty() ? "/" : rawPath;
                yield uri.getRawQuery() == null ? p : p + "?" + uri.getRawQuery();
            }
            case UDP -> noPath ? null : uri.getPath().substring(1);
            case SRT -> uri.getRawQuery();
            case TSTCP, FILE, RTSP -> null;
        };
        if ((scheme == Scheme.TSTCP || scheme == Scheme.SRT) && !noPath) {
            throw new IllegalArgumentException("a " + scheme.name().toLowerCase(Locale.ROOT) + ":// URL has no path: " + url);
        }
        if ((scheme == Scheme.HLS || scheme == Scheme.HLSS || scheme == Scheme.HLS2 || scheme == Scheme.HLSS2) && noPath) {
            throw new IllegalArgumentException("an HLS URL names the playlist: hls://HOST/PATH/index.m3u8 (" + url + ")");
        }
        if (scheme == Scheme.RTMP || scheme == Scheme.RTMPS) {
            int slash = rawPath.lastIndexOf('/');
            if (slash <= 0 || slash == rawPath.length() - 1) {
                throw new IllegalArgumentException("an RTMP URL names the application and the stream: rtmp://HOST/APP/NAME ("
                        + url + ")");
            }
        }
        return new PullUrl(scheme, host, port, path, url, options);
    }

    /** {@code file://vod/backup.ts}: the whole of what follows the scheme is a path under the file folder. */
    private static PullUrl file(String url, Map<String, String> options) {
        String rest = url.trim().substring("file://".length());
        int query = rest.indexOf('?');
        String relative = query < 0 ? rest : rest.substring(0, query);
        if (relative.isEmpty() || relative.startsWith("/")) {
            throw new IllegalArgumentException("a file:// URL names a file under the server's file folder, "
                    + "without a leading /: file://vod/backup.ts (" + url + ")");
        }
        for (String part : relative.split("/")) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("a file:// path may not contain empty, . or .. parts: " + url);
            }
        }
        int slash = relative.indexOf('/');
        return new PullUrl(Scheme.FILE, slash < 0 ? relative : relative.substring(0, slash), 0, relative, url, options);
    }
}
