package org.openstreamer.connector.ingest.pull;

import org.openstreamer.connector.ingest.rtsp.RtspUrl;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A pulled MPEG-TS input taken apart: {@code udp://GROUP_OR_ADDRESS:PORT[/INTERFACE_ADDRESS]},
 * {@code tshttp://HOST[:PORT]/PATH} (an HTTP GET whose body is the stream) or
 * {@code tstcp://HOST:PORT} (the stream on a bare TCP connection), or
 * {@code rtsp://[USER:PASSWORD@]HOST[:PORT]/PATH} (a camera or RTSP server; the client parses it
 * again with its credentials, see {@code RtspUrl}).
 *
 * @param scheme the kind of client
 * @param host   the address to listen on or join (udp), or to connect to
 * @param port   the port
 * @param path   the HTTP path with its query ({@code tshttp}), the interface address ({@code udp}), or null
 * @param url    the URL as configured, for events and logs (an {@code rtsp://} password replaced by {@code ***})
 */
public record PullUrl(Scheme scheme, String host, int port, String path, String url) {

    public enum Scheme { UDP, TSHTTP, TSTCP, RTSP }

    /** The URL's scheme is one of these clients' ({@link #parse} may still refuse the rest of it). */
    public static boolean handles(String url) {
        String u = url == null ? "" : url.toLowerCase(Locale.ROOT);
        return u.startsWith("udp://") || u.startsWith("tshttp://") || u.startsWith("tstcp://") || u.startsWith("rtsp://");
    }

    /**
     * @throws IllegalArgumentException with a sentence saying what is wrong, for a URL these
     *                                  clients cannot use
     */
    public static PullUrl parse(String url) {
        if (!handles(url)) {
            throw new IllegalArgumentException("not a udp://, tshttp://, tstcp:// or rtsp:// URL: " + url);
        }
        if (url.trim().toLowerCase(Locale.ROOT).startsWith("rtsp://")) {
            RtspUrl r = RtspUrl.parse(url);
            return new PullUrl(Scheme.RTSP, r.host(), r.port(), null, r.display());
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed URL " + url + ": " + e.getReason());
        }
        Scheme scheme = Scheme.valueOf(uri.getScheme().toUpperCase(Locale.ROOT));
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("the URL names no host: " + url);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort();
        if (port < 0 && scheme == Scheme.TSHTTP) {
            port = 80;
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("the URL needs a port: " + url);
        }
        String path = switch (scheme) {
            case TSHTTP -> {
                String p = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
                yield uri.getRawQuery() == null ? p : p + "?" + uri.getRawQuery();
            }
            case UDP -> {
                String p = uri.getPath();
                yield p == null || p.isEmpty() || p.equals("/") ? null : p.substring(1);
            }
            case TSTCP, RTSP -> null;
        };
        if (scheme == Scheme.TSTCP && uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
            throw new IllegalArgumentException("a tstcp:// URL has no path: " + url);
        }
        return new PullUrl(scheme, host, port, path, url);
    }
}
