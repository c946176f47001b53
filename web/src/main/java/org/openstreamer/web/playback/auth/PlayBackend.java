package org.openstreamer.web.playback.auth;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.logging.Logger;

/**
 * Asks an {@code on_play} backend about a viewer: a GET with the reference's query parameters,
 * answered within {@link #TIMEOUT} or taken as {@link BackendAnswer#UNKNOWN}. At most
 * {@code maxInFlight} questions are out at once; one more is answered UNKNOWN at once rather than
 * queued behind a slow backend.
 */
public final class PlayBackend {

    private static final Logger LOG = Logger.getLogger(PlayBackend.class.getName());
    /** The reference's backend timeout. */
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final HttpClient client;
    private final Semaphore inFlight;
    private volatile long lastWarning;

    public PlayBackend(Executor executor, int maxInFlight) {
        this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.inFlight = new Semaphore(maxInFlight);
    }

    /** The backend's answer on {@code request}; never fails (a failure is UNKNOWN). */
    public CompletableFuture<BackendAnswer> ask(URI backend, PlayRequest request, boolean newSession,
                                                int totalClients, int streamClients) {
        if (!inFlight.tryAcquire()) {
            warn("too many playback authorization requests in flight; " + backend + " not asked");
            return CompletableFuture.completedFuture(BackendAnswer.UNKNOWN);
        }
        HttpRequest http = HttpRequest.newBuilder(withQuery(backend, params(request, newSession, totalClients, streamClients)))
                .timeout(TIMEOUT).header("Accept", "*/*").GET().build();
        return client.sendAsync(http, HttpResponse.BodyHandlers.discarding())
                .thenApply(r -> BackendAnswer.of(r.statusCode(), h -> r.headers().firstValue(h).orElse(null)))
                .exceptionally(e -> {
                    warn("playback authorization backend " + backend + " did not answer: " + e);
                    return BackendAnswer.UNKNOWN;
                })
                .whenComplete((a, e) -> inFlight.release());
    }

    /** The query the backend gets, in the reference's parameter names. */
    static Map<String, String> params(PlayRequest r, boolean newSession, int totalClients, int streamClients) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("token", r.token());
        p.put("name", r.stream());
        p.put("ip", r.ip());
        p.put("referer", r.referer() == null ? "" : r.referer());
        p.put("user_agent", r.userAgent() == null ? "" : r.userAgent());
        p.put("total_clients", Integer.toString(totalClients));
        p.put("stream_clients", Integer.toString(streamClients));
        p.put("request_type", newSession ? "new_session" : "update_session");
        p.put("type", r.type());
        p.put("media_request", r.mediaRequest());
        return p;
    }

    /** {@code backend} with the parameters added to whatever query it already has. */
    static URI withQuery(URI backend, Map<String, String> params) {
        StringBuilder sb = new StringBuilder(backend.toString());
        int hash = sb.indexOf("#");
        if (hash >= 0) {
            sb.setLength(hash);
        }
        char sep = backend.getRawQuery() == null ? '?' : '&';
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            sb.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return URI.create(sb.toString());
    }

    /** One warning a minute at most: a backend that is down must not flood the log. */
    private void warn(String message) {
        long now = System.nanoTime();
        if (now - lastWarning > 60_000_000_000L || lastWarning == 0) {
            lastWarning = now;
            LOG.warning(message);
        }
    }
}
