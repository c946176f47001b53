package org.openstreamer.connector.ingest.rtsp;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An {@code rtsp://[USER:PASSWORD@]HOST[:PORT]/PATH} input taken apart. The credentials are kept
 * out of {@link #request}, the URL sent in requests, and out of {@link #display}, the one logs and
 * events show.
 *
 * @param host     the server
 * @param port     its port, 554 when the URL gives none
 * @param request  the URL without credentials, as RTSP requests carry it
 * @param user     the user name (percent-decoded), or null
 * @param password the password (percent-decoded), or null
 * @param display  the URL with the password replaced by {@code ***}
 */
public record RtspUrl(String host, int port, String request, String user, String password, String display) {

    public static final int DEFAULT_PORT = 554;

    /** @throws IllegalArgumentException with a sentence saying what is wrong */
    public static RtspUrl parse(String url) {
        String u = url == null ? "" : url.trim();
        url = masked(u);
        if (!u.toLowerCase(Locale.ROOT).startsWith("rtsp://")) {
            throw new IllegalArgumentException("not an rtsp:// URL: " + url);
        }
        String rest = u.substring("rtsp://".length());
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash);
        if (path.isEmpty() || path.equals("/")) {
            throw new IllegalArgumentException("an rtsp:// URL needs a path: " + url);
        }
        // the password may hold characters URI refuses in userinfo (camera passwords do): split by hand
        int at = authority.lastIndexOf('@');
        String user = null;
        String password = null;
        if (at >= 0) {
            String info = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? "" : decode(info.substring(colon + 1));
        }
        URI uri;
        try {
            uri = new URI("rtsp://" + authority + "/");
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed URL " + url + ": " + e.getReason());
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("the URL names no host: " + url);
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        if (port == 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range in " + url);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String request = "rtsp://" + authority + path;
        String display = user == null ? request : "rtsp://" + user + ":***@" + authority + path;
        return new RtspUrl(host, port, request, user, password, display);
    }

    /** The URL with what lies between {@code USER:} and {@code @} replaced by {@code ***}, for messages. */
    static String masked(String url) {
        int scheme = url.indexOf("://");
        int slash = url.indexOf('/', scheme + 3);
        int at = url.lastIndexOf('@', slash < 0 ? url.length() : slash);
        int colon = scheme < 0 || at < 0 ? -1 : url.indexOf(':', scheme + 3);
        return colon < 0 || colon > at ? url : url.substring(0, colon + 1) + "***" + url.substring(at);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a lone '%' in a password: taken as it is
        }
    }

    @Override
    public String toString() {
        return display;
    }
}
