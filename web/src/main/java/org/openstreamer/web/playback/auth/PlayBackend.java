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
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * Asks an {@code on_play} backend about a viewer: a GET with the reference's query parameters,
 * answered within {@link #TIMEOUT} or taken as {@link BackendAnswer#UNKNOWN}. At most
 * {@code maxInFlight} questions are out at once; the others wait for a slot in arrival order, and
 * a question still waiting when its deadline (counted from when it was asked) passes is UNKNOWN
 * without being sent. A burst of new viewers is thus spread over the slots instead of refused.
 */
public final class PlayBackend {

    private static final Logger LOG = Logger.getLogger(PlayBackend.class.getName());
    /** The reference's backend timeout. */
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    /** Questions waiting for a slot beyond this are UNKNOWN at once (memory bound, not a tuning knob). */
    static final int MAX_WAITING = 20_000;
    /** A question left with less than this after its wait is not sent: no backend answers that fast over a new connection. */
    static final long MIN_LEFT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final HttpClient client;
    private final Duration deadline;
    private final Semaphore inFlight;
    private final Queue<BooleanSupplier> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waitingCount = new AtomicInteger();
    private volatile long lastWarning;

    public PlayBackend(Executor executor, int maxInFlight) {
        this(executor, maxInFlight, TIMEOUT);
    }

    /** @param deadline how long a question may take, its wait for a slot included */
    PlayBackend(Executor executor, int maxInFlight, Duration deadline) {
        this.client = HttpClient.newBuilder().connectTimeout(deadline).executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.deadline = deadline;
        this.inFlight = new Semaphore(maxInFlight);
    }

    /** The backend's answer on {@code request} within the deadline; never fails (a failure is UNKNOWN). */
    public CompletableFuture<BackendAnswer> ask(URI backend, PlayRequest request, boolean newSession,
                                                int totalClients, int streamClients) {
        URI url = withQuery(backend, params(request, newSession, totalClients, streamClients));
        long until = System.nanoTime() + deadline.toNanos();
        CompletableFuture<BackendAnswer> result = new CompletableFuture<>();
        if (inFlight.tryAcquire()) {
            if (!send(backend, url, until, result)) {
                release();
            }
        } else if (waitingCount.incrementAndGet() > MAX_WAITING) {
            waitingCount.decrementAndGet();
            warn("too many playback authorization requests waiting; " + backend + " not asked");
            result.complete(BackendAnswer.UNKNOWN);
        } else {
            waiting.add(() -> send(backend, url, until, result));
            startWaiting(); // a slot may have been freed between tryAcquire and add
        }
        return result.completeOnTimeout(BackendAnswer.UNKNOWN, deadline.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Hands free slots to the questions waiting, oldest first. */
    private void startWaiting() {
        while (!waiting.isEmpty() && inFlight.tryAcquire()) {
            BooleanSupplier next = waiting.poll();
            if (next == null) {
                inFlight.release();
                return;
            }
            waitingCount.decrementAndGet();
            if (!next.getAsBoolean()) {
                inFlight.release(); // not sent: the slot goes to the next one in this loop (no recursion)
            }
        }
    }

    /**
     * Sends one question holding a slot, which is given back (and passed on) when it ends; false
     * when nothing was sent and the caller still holds the slot.
     */
    private boolean send(URI backend, URI url, long until, CompletableFuture<BackendAnswer> result) {
        long left = until - System.nanoTime();
        if (result.isDone() || left < MIN_LEFT_NANOS) { // (nearly) past its deadline after waiting: not worth asking
            warn("playback authorization backend " + backend + " not asked: no free slot within " + deadline.toMillis() + " ms");
            result.complete(BackendAnswer.UNKNOWN);
            return false;
        }
        CompletableFuture<HttpResponse<Void>> sent;
        try {
            sent = client.sendAsync(HttpRequest.newBuilder(url).timeout(Duration.ofNanos(left)).header("Accept", "*/*")
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
        } catch (RuntimeException e) { // not a usable URL
            warn("playback authorization backend " + backend + " could not be asked: " + e);
            result.complete(BackendAnswer.UNKNOWN);
            return false;
        }
        sent
                .whenComplete((r, e) -> {
                    release();
                    if (e != null) {
                        warn("playback authorization backend " + backend + " did not answer: " + e);
                        result.complete(BackendAnswer.UNKNOWN);
                    } else {
                        result.complete(BackendAnswer.of(r.statusCode(), h -> r.headers().firstValue(h).orElse(null)));
                    }
                });
        return true;
    }

    private void release() {
        inFlight.release();
        startWaiting();
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
