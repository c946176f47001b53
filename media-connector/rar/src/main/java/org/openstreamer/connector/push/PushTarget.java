package org.openstreamer.connector.push;

import org.openstreamer.connector.ingest.srt.caller.SrtCaller;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * Where a push of the live MPEG-TS sends to, parsed once from its URL: an SRT listener (we call), a UDP address
 * (unicast or multicast) or an HTTP URL ({@code tshttp://}) taking a chunked MPEG-TS upload.
 */
abstract class PushTarget {

    /** {@code tracks=} of the URL, or null for every track. */
    private String tracks;

    /** A filter for the tracks the URL chose ({@code tracks=v2a1}), fresh for each connection; null for all tracks. */
    final TrackFilter trackFilter() {
        return tracks == null ? null : new TrackFilter(tracks);
    }

    /** Opens a connection; it may still be connecting (see {@link PushConnection#finishConnect}). */
    abstract PushConnection open() throws IOException;

    /**
     * The target of {@code url}.
     *
     * @throws IllegalArgumentException with the reason when the URL is malformed or its scheme is one
     *                                  this version cannot send to
     */
    static PushTarget parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("malformed push URL " + url + ": " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("srt") && !scheme.equals("udp") && !scheme.equals("tshttp")) {
            throw new IllegalArgumentException("push scheme " + (scheme.isEmpty() ? url : scheme)
                    + " is not supported yet (" + url + ")");
        }
        if (uri.getHost() == null || uri.getPort() < 0 && !scheme.equals("tshttp")) {
            throw new IllegalArgumentException("a " + scheme + " push needs HOST:PORT (" + url + ")");
        }
        Map<String, String> query = SrtCaller.query(uri.getRawQuery()); // the same query rules as the SRT caller's
        PushTarget target = switch (scheme) {
            case "srt" -> new SrtPushTarget(uri.getHost(), uri.getPort(), query);
            case "udp" -> new UdpPushTarget(uri.getHost(), uri.getPort(), query);
            default -> new HttpTsPushTarget(uri);
        };
        if (!scheme.equals("tshttp") && query.containsKey("tracks")) { // an HTTP URL's query belongs to its server
            target.tracks = query.get("tracks");
            target.trackFilter(); // refuses a malformed one now
        }
        return target;
    }

    /** An integer query option within bounds, or {@code otherwise} when absent. */
    static int intOption(Map<String, String> query, String key, int min, int max, int otherwise) {
        String v = query.get(key);
        if (v == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + "=" + v + " is not a number from " + min + " to " + max);
    }
}
