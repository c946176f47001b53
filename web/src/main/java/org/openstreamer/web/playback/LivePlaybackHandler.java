package org.openstreamer.web.playback;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import org.openstreamer.connector.api.LivePlayback;
import org.openstreamer.connector.api.MediaEngine;
import org.openstreamer.connector.api.MediaEngineFactory;
import org.openstreamer.connector.api.ReadyBody;

import javax.naming.InitialContext;
import java.nio.ByteBuffer;
import java.util.logging.Logger;

/**
 * The hot path of a media server: live HLS playlists and segments, sent on the I/O thread that
 * read the request, from the engine's ready bodies (built once per segment, never copied per
 * request) with Undertow's non-blocking sender. Supports {@code HEAD}, one byte {@code Range},
 * {@code If-None-Match} and {@code If-Modified-Since}. A request it cannot answer from memory (an
 * unknown stream, an expired segment the archive may have, any other URL) goes to {@code next}.
 */
final class LivePlaybackHandler implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(LivePlaybackHandler.class.getName());
    private static final HttpString ALLOW_ORIGIN = new HttpString("Access-Control-Allow-Origin");
    private static final long RETRY_LOOKUP_NANOS = 1_000_000_000L;

    private final HttpHandler next;
    private volatile LivePlayback playback;
    private volatile long nextLookup;

    LivePlaybackHandler(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        HttpString method = exchange.getRequestMethod();
        boolean head = Methods.HEAD.equals(method);
        PlaybackPath path = head || Methods.GET.equals(method) ? PlaybackPath.parse(exchange.getRequestPath()) : null;
        LivePlayback live = path == null || !path.isHls() ? null : playback();
        ReadyBody body = live == null ? null : live.hls(path.stream(), path.resource());
        if (body == null) {
            next.handleRequest(exchange);
            return;
        }
        HeaderMap in = exchange.getRequestHeaders();
        HeaderMap out = exchange.getResponseHeaders();
        out.put(Headers.CONTENT_TYPE, body.contentType());
        out.put(Headers.CACHE_CONTROL, body.cacheControl());
        out.put(Headers.ETAG, body.etag());
        out.put(Headers.LAST_MODIFIED, body.lastModified());
        out.put(Headers.ACCEPT_RANGES, "bytes");
        out.put(ALLOW_ORIGIN, "*");
        if (notModified(in, body)) {
            exchange.setStatusCode(304);
            exchange.endExchange();
            return;
        }
        ByteRange range = ByteRange.parse(in.getFirst(Headers.RANGE), in.getFirst(Headers.IF_RANGE), body);
        if (range == ByteRange.UNSATISFIABLE) {
            exchange.setStatusCode(416);
            out.put(Headers.CONTENT_RANGE, "bytes */" + body.length());
            exchange.setResponseContentLength(0);
            exchange.endExchange();
            return;
        }
        ByteBuffer[] bytes;
        if (range == null) {
            exchange.setResponseContentLength(body.length());
            bytes = head ? null : body.buffers();
        } else {
            exchange.setStatusCode(206);
            out.put(Headers.CONTENT_RANGE, "bytes " + range.first() + "-" + range.last() + "/" + body.length());
            exchange.setResponseContentLength(range.last() - range.first() + 1);
            bytes = head ? null : body.range(range.first(), range.last());
        }
        if (bytes == null) {
            exchange.endExchange();
        } else {
            exchange.getResponseSender().send(bytes);
        }
    }

    private static boolean notModified(HeaderMap in, ReadyBody body) {
        String match = in.getFirst(Headers.IF_NONE_MATCH);
        if (match != null) {
            return match.equals("*") || match.contains(body.etag());
        }
        String since = in.getFirst(Headers.IF_MODIFIED_SINCE);
        return since != null && since.equals(body.lastModified());
    }

    /** The engine's live output, looked up once (again at most every second while it is not there). */
    private LivePlayback playback() {
        LivePlayback p = playback;
        if (p != null || System.nanoTime() - nextLookup < 0) {
            return p;
        }
        synchronized (this) {
            if (playback == null && System.nanoTime() - nextLookup >= 0) {
                nextLookup = System.nanoTime() + RETRY_LOOKUP_NANOS;
                try {
                    MediaEngineFactory factory = (MediaEngineFactory) new InitialContext().lookup(MediaEngineFactory.JNDI_NAME);
                    try (MediaEngine engine = factory.getEngine()) {
                        playback = engine.livePlayback();
                    }
                } catch (Exception e) {
                    LOG.fine("media engine not reachable yet: " + e);
                }
            }
            return playback;
        }
    }
}
