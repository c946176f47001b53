package org.openstreamer.web.playback;

import io.undertow.servlet.handlers.ServletRequestContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openstreamer.connector.api.PublishSink;
import org.openstreamer.connector.api.Publishing;
import org.openstreamer.web.util.ApiError;
import org.openstreamer.web.util.Json;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * HTTP MPEG-TS publishing: {@code PUT} or {@code POST /NAME/mpegts[?password=...]} with the
 * stream in the body (ffmpeg sends it chunked). The engine admits the publisher as it admits an
 * SRT one; then the body is read on this request thread, blocking, and fed to the engine as it
 * comes, until it ends, the connection breaks or the engine ends the publisher.
 */
final class TsPublishRequest {

    /** Bytes read per call: about 90 ms of a 6 Mbit/s stream, a few reads per video frame at most. */
    private static final int CHUNK = 64 * 1024;
    /** Query arguments kept, and their total length: the query is the publisher's to fill. */
    private static final int MAX_QUERY = 2048;
    /** Most bytes of an unwanted body read and dropped before the connection is closed instead. */
    static final long DISCARD_LIMIT = 256 * 1024;

    private TsPublishRequest() {
    }

    /** Answers a refusal at once; otherwise feeds the body to the admitted publisher's sink until it ends. */
    static void serve(Publishing p, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!p.isAccepted()) {
            error(resp, p.status(), ApiError.of(p.error(), p.message()));
            abandonBody(req, resp);
            return;
        }
        PublishSink sink = p.sink();
        ServletRequestContext context = ServletRequestContext.current();
        AtomicBoolean closedUnderUs = new AtomicBoolean();
        if (context != null) { // ended by the engine (a restart, the stream removed): wake a read that may wait for ever
            sink.onEnd(() -> {
                closedUnderUs.set(true);
                close(context);
            });
        }
        String reason = "end of the request body";
        boolean ended = false;
        // Not closed here: closing a servlet input stream reads the rest of the body, which may never end.
        InputStream in = req.getInputStream();
        try {
            byte[] buf = new byte[CHUNK];
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (n > 0 && !sink.write(buf, 0, n)) {
                    reason = sink.endReason();
                    break;
                }
            }
            ended = n < 0;
        } catch (IOException e) {
            reason = "connection broken: " + e.getMessage();
        } catch (RuntimeException e) {
            if (!closedUnderUs.get()) {
                throw e;
            }
            // Undertow may fail a read on a connection closed under it with a NullPointerException
        } finally {
            sink.close(reason);
        }
        if (closedUnderUs.get()) {
            return; // nobody left to answer
        }
        String why = sink.endReason();
        if (why == null && ended) {
            resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        if (why != null && !resp.isCommitted()) {
            error(resp, sink.inputRefused() ? 400 : 409,
                    ApiError.of(sink.inputRefused() ? "not_mpegts" : "publish_ended", why));
        }
        abandonBody(req, resp);
    }

    /**
     * The rest of a body nobody will use: a short one is read and dropped, so its sender gets the
     * answer in an orderly way; past {@link #DISCARD_LIMIT} the connection is closed, because the
     * container would otherwise read an endless body (an encoder's) to its end after the request.
     */
    static void abandonBody(HttpServletRequest req, HttpServletResponse resp) {
        try {
            resp.flushBuffer();
            InputStream in = req.getInputStream();
            byte[] buf = new byte[8192];
            for (long left = DISCARD_LIMIT; left > 0; ) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    return;
                }
                left -= n;
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is broken already, or the stream was taken as a reader: close it all the same
        }
        ServletRequestContext context = ServletRequestContext.current();
        if (context != null) {
            close(context);
        }
    }

    private static void close(ServletRequestContext context) {
        try {
            context.getExchange().getConnection().close();
        } catch (IOException ignored) {
            // closed already
        }
    }

    /** The query arguments, decoded (not {@code getParameter}, which may consume a form body). */
    static Map<String, String> queryArgs(String query) {
        Map<String, String> args = new HashMap<>();
        if (query == null || query.isEmpty() || query.length() > MAX_QUERY) {
            return args;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                args.putIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException badEscape) {
                // an argument that is not URL-encoded properly is left out
            }
        }
        return args;
    }

    private static void error(HttpServletResponse resp, int status, ApiError error) throws IOException {
        resp.setStatus(status);
        resp.setHeader("Connection", "close"); // the rest of the body is not wanted: see abandonBody
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        Json.JSONB.toJson(error, resp.getWriter());
    }
}
