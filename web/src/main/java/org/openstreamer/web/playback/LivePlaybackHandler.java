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
import org.openstreamer.web.playback.auth.PlayPolicy;
import org.openstreamer.web.playback.auth.PlaySession;
import org.openstreamer.web.playback.auth.PlaybackGate;

import javax.naming.InitialContext;
import java.util.Deque;
import java.util.logging.Logger;

/**
 * The hot path of a media server: live HLS playlists and segments, sent on the I/O thread that
 * read the request, from the engine's ready bodies (built once per segment, never copied per
 * request) with Undertow's non-blocking sender, segments in memory files with {@code sendfile}. Supports {@code HEAD}, one byte {@code Range},
 * {@code If-None-Match} and {@code If-Modified-Since}. {@code PUT} and {@code POST} of {@code /NAME/mpegts} (HTTP
 * MPEG-TS publishing) lose the server's request size limit and go on. A request it cannot answer from memory (an
 * unknown stream, an expired segment the archive may have, any other URL) goes to {@code next}, and so does a
 * viewer of a stream with a playback policy ({@link PlaybackGate}) until its session is open: then a request
 * costs one session lookup, and a playlist is sent with the session's token in its URLs.
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
        if (Methods.PUT.equals(method) || Methods.POST.equals(method)) {
            PlaybackPath publish = PlaybackPath.parse(exchange.getRequestPath());
            if (publish != null && publish.kind() == PlaybackPath.Kind.MPEGTS && exchange.isRequestChannelAvailable()) {
                exchange.setMaxEntitySize(0); // a publisher's body is a live stream: the server's post size limit would cut it
            }
            next.handleRequest(exchange);
            return;
        }
        boolean head = Methods.HEAD.equals(method);
        PlaybackPath path = head || Methods.GET.equals(method) ? PlaybackPath.parse(exchange.getRequestPath()) : null;
        LivePlayback live = path == null || !path.isHls() ? null : playback();
        if (live == null) {
            next.handleRequest(exchange);
            return;
        }
        PlaySession session = null;
        PlaybackGate gate = PlaybackGate.current();
        PlayPolicy policy = gate == null ? null : gate.knownPolicy(path.stream());
        if (policy == null) {
            next.handleRequest(exchange); // the stream's policy is not known yet: the filter reads it and decides
            return;
        }
        if (policy.domains() != null && !policy.refererAllowed(exchange.getRequestHeaders().getFirst("Referer"))) {
            next.handleRequest(exchange); // refused by the stream's domains: the filter answers 403
            return;
        }
        if (policy.active()) {
            Deque<String> token = exchange.getQueryParameters().get("token");
            session = token == null ? null : gate.openSession(path.stream(),
                    exchange.getSourceAddress().getAddress().getHostAddress(), token.peekFirst());
            if (session == null) {
                next.handleRequest(exchange); // a new (or refused) viewer: decided in the filter, off the I/O thread
                return;
            }
        }
        ReadyBody body = live.hls(path.stream(), path.resource());
        if (body == null || body.file() != null && !body.file().hold()) {
            next.handleRequest(exchange); // not live, or the segment left memory just now
            return;
        }
        if (session != null) {
            if (path.kind() == PlaybackPath.Kind.PLAYLIST) {
                body = gate.tokenized(session, body);
            }
            session.seen(System.nanoTime(), head ? 0 : body.length());
        }
        long[] send;
        try {
            send = respond(exchange, body, head);
        } catch (RuntimeException | Error e) {
            release(body);
            throw e;
        }
        if (send == null) {
            release(body);
        } else if (body.file() != null) {
            HeldFileSender.send(exchange, body.file(), send[0], send[1]); // owns the hold from here on
        } else {
            exchange.getResponseSender().send(send[1] == body.length() ? body.buffers()
                    : body.range(send[0], send[0] + send[1] - 1));
        }
    }

    /** Sets status and headers; returns the first byte and the count of the body to send, or null when answered. */
    private static long[] respond(HttpServerExchange exchange, ReadyBody body, boolean head) {
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
            return null;
        }
        ByteRange range = ByteRange.parse(in.getFirst(Headers.RANGE), in.getFirst(Headers.IF_RANGE), body);
        if (range == ByteRange.UNSATISFIABLE) {
            exchange.setStatusCode(416);
            out.put(Headers.CONTENT_RANGE, "bytes */" + body.length());
            exchange.setResponseContentLength(0);
            exchange.endExchange();
            return null;
        }
        long first = range == null ? 0 : range.first();
        long count = range == null ? body.length() : range.last() - range.first() + 1;
        exchange.setResponseContentLength(count);
        if (range != null) {
            exchange.setStatusCode(206);
            out.put(Headers.CONTENT_RANGE, "bytes " + range.first() + "-" + range.last() + "/" + body.length());
        }
        if (head || count == 0) {
            exchange.endExchange();
            return null;
        }
        return new long[] {first, count};
    }

    private static void release(ReadyBody body) {
        if (body.file() != null) {
            body.file().release();
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
