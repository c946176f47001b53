package org.openstreamer.connector.auth;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

import org.openstreamer.connector.ingest.srt.jni.LogRateLimiter;

/**
 * Asks {@code on_publish} backends, for every protocol: one shared {@link HttpClient}, requests
 * sent asynchronously, at most {@code maxInFlight} at once (the others wait their turn, within
 * their deadline), and every answer within the deadline, after which the publisher is refused as
 * the backend being unavailable. A denial (401/403) is remembered for {@code denialMemory}, so that
 * a publisher trying again at once is refused without asking (SRT callers then see the reject code
 * in their handshake). Nothing here blocks the calling thread.
 */
public final class OnPublishBackend {

    private static final Logger LOG = Logger.getLogger(OnPublishBackend.class.getName());
    /** Body bytes kept for the reason; the rest of a body is read and dropped. */
    private static final int MAX_BODY = 1024;
    private static final int MAX_WAITING = 10_000;

    /** The reference's backend timeout. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(3);
    public static final Duration DEFAULT_DENIAL_MEMORY = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_IN_FLIGHT = 64;

    private final Executor executor;
    private final Duration deadline;
    private final Semaphore inFlight;
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waitingCount = new AtomicInteger();
    private final RecentDenials denials;
    private final LogRateLimiter logLimit = new LogRateLimiter(20, 5, System::nanoTime);
    private volatile HttpClient http;

    /**
     * @param executor where the HTTP client completes its work (null: the client's own threads)
     * @param clock    nanoseconds, for the denial memory
     */
    public OnPublishBackend(Executor executor, Duration deadline, int maxInFlight, Duration denialMemory, LongSupplier clock) {
        this.executor = executor;
        this.deadline = deadline;
        this.inFlight = new Semaphore(maxInFlight);
        this.denials = new RecentDenials(denialMemory.toNanos(), clock);
    }

    /** With the system properties {@code openstreamer.on_publish.timeout-ms}, {@code .max-in-flight}, {@code .deny-seconds}. */
    public static OnPublishBackend fromSystemProperties(Executor executor) {
        return new OnPublishBackend(executor,
                Duration.ofMillis(Long.getLong("openstreamer.on_publish.timeout-ms", DEFAULT_DEADLINE.toMillis())),
                Integer.getInteger("openstreamer.on_publish.max-in-flight", DEFAULT_MAX_IN_FLIGHT),
                Duration.ofSeconds(Long.getLong("openstreamer.on_publish.deny-seconds", DEFAULT_DENIAL_MEMORY.toSeconds())),
                System::nanoTime);
    }

    public Duration deadline() {
        return deadline;
    }

    /** A denial of this publisher the backend gave recently, or null; memory only, for any thread. */
    public OnPublishDecision remembered(OnPublishRequest request) {
        return denials.get(request.memoryKey());
    }

    /**
     * The backend's decision, within the deadline; the future never completes exceptionally and
     * the calling thread never waits (not even for a name lookup).
     */
    public CompletableFuture<OnPublishDecision> ask(OnPublishRequest request) {
        OnPublishDecision known = remembered(request);
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        long started = System.nanoTime();
        CompletableFuture<OnPublishDecision> result = new CompletableFuture<>();
        if (inFlight.tryAcquire()) {
            send(request, result);
        } else if (waitingCount.incrementAndGet() > MAX_WAITING) {
            waitingCount.decrementAndGet();
            result.complete(OnPublishDecision.unavailable("too many publishers waiting for on_publish backends"));
        } else {
            waiting.add(() -> send(request, result));
            startWaiting(); // a request may have finished between tryAcquire and add
        }
        return result.completeOnTimeout(OnPublishDecision.unavailable("the on_publish backend " + request.backend()
                        + " did not answer within " + deadline.toMillis() + " ms"), deadline.toNanos(), TimeUnit.NANOSECONDS)
                .thenApply(d -> logged(request, d, started));
    }

    private void startWaiting() {
        while (!waiting.isEmpty() && inFlight.tryAcquire()) {
            Runnable next = waiting.poll();
            if (next == null) {
                inFlight.release();
                return;
            }
            waitingCount.decrementAndGet();
            next.run();
        }
    }

    /** Sends one request, holding a permit that is given back (and passed on) when it ends. */
    private void send(OnPublishRequest request, CompletableFuture<OnPublishDecision> result) {
        if (result.isDone()) { // its deadline passed while it waited
            release();
            return;
        }
        HttpRequest httpRequest;
        try {
            httpRequest = HttpRequest.newBuilder(URI.create(request.backend())).timeout(deadline)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(request.toJson(), StandardCharsets.UTF_8)).build();
        } catch (IllegalArgumentException e) {
            release();
            result.complete(OnPublishDecision.unavailable("on_publish is not a usable URL (" + request.backend() + "): " + e.getMessage()));
            return;
        }
        // From the executor: the client may resolve the backend's name on the calling thread.
        try {
            sendFromExecutor(request, httpRequest, result);
        } catch (RuntimeException e) { // the executor refused the task
            release();
            result.complete(OnPublishDecision.unavailable("the on_publish backend could not be asked: " + describe(e)));
        }
    }

    private void sendFromExecutor(OnPublishRequest request, HttpRequest httpRequest, CompletableFuture<OnPublishDecision> result) {
        CompletableFuture.runAsync(() -> client().sendAsync(httpRequest, OnPublishBackend::boundedBody)
                .whenComplete((response, error) -> {
                    release();
                    result.complete(error != null
                            ? OnPublishDecision.unavailable("the on_publish backend " + request.backend()
                                    + " could not be asked: " + describe(error))
                            : OnPublishDecision.of(response.statusCode(),
                                    response.headers().firstValue("Content-Type").orElse(null), response.body(),
                                    response.headers().firstValue("Location").orElse(null)));
                }), executor == null ? CompletableFuture.delayedExecutor(0, TimeUnit.MILLISECONDS) : executor)
                .exceptionally(e -> {
                    release();
                    result.complete(OnPublishDecision.unavailable("the on_publish backend could not be asked: " + describe(e)));
                    return null;
                });
    }

    private void release() {
        inFlight.release();
        startWaiting();
    }

    private HttpClient client() {
        HttpClient c = http;
        if (c == null) {
            synchronized (this) {
                if (http == null) {
                    HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(deadline).followRedirects(HttpClient.Redirect.NEVER);
                    if (executor != null) {
                        b.executor(executor);
                    }
                    http = b.build();
                }
                c = http;
            }
        }
        return c;
    }

    /** Keeps the first {@link #MAX_BODY} bytes of the body as text, and drops the rest. */
    private static HttpResponse.BodySubscriber<String> boundedBody(HttpResponse.ResponseInfo info) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArrayConsumer(bytes -> {
            if (bytes.isPresent() && kept.size() < MAX_BODY) {
                kept.write(bytes.get(), 0, Math.min(bytes.get().length, MAX_BODY - kept.size()));
            }
        }), ignored -> kept.toString(StandardCharsets.UTF_8));
    }

    private OnPublishDecision logged(OnPublishRequest request, OnPublishDecision d, long started) {
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        if (d.verdict() == OnPublishDecision.Verdict.DENY) {
            denials.put(request.memoryKey(), d);
        }
        int skipped = d.allowed() ? LogRateLimiter.REFUSED : logLimit.tryAcquire();
        if (skipped != LogRateLimiter.REFUSED) {
            LOG.warning("on_publish: " + request.proto() + " publisher " + request.ip() + " of " + request.name()
                    + " refused after " + ms + " ms: " + d.reason()
                    + (skipped > 0 ? " [" + skipped + " more on_publish refusals not logged]" : ""));
        }
        return d;
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }
}
