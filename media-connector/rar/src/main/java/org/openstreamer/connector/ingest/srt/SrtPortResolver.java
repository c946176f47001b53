package org.openstreamer.connector.ingest.srt;

import org.openstreamer.connector.api.StreamName;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Asks the configuration backend which stream an SRT port of a range belongs to:
 * {@code GET <config_external>srt_port_resolve/PORT?mode=publish|play&host=SERVER}, answered by
 * 200 with the stream name as plain text. Lookups are asynchronous (never on a libsrt thread),
 * bounded in time; at most a few run at once and the others wait their turn (a burst of callers
 * must not open hundreds of connections to the backend). A backend that fails is reported once when it starts failing
 * and once when it answers again, not once per lookup.
 */
final class SrtPortResolver {

    private static final Logger LOG = Logger.getLogger(SrtPortResolver.class.getName());
    private static final int MAX_BODY = 1024;
    private static final int MAX_WAITING = 20_000;

    /** What a lookup ended with. */
    sealed interface Outcome permits Resolved, Refused {
    }

    record Resolved(String stream) implements Outcome {
    }

    /** @param backendFault true when the backend could not be asked or answered garbage (not a plain "no") */
    record Refused(SrtAdmission.Reject reject, boolean backendFault) implements Outcome {
    }

    private final HttpClient http;
    private final Duration timeout;
    private final String serverHost;
    private final Semaphore inFlight;
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waitingCount = new AtomicInteger();
    private final Object healthLock = new Object();
    private boolean failing; // guarded by healthLock
    private long failures;   // guarded by healthLock

    SrtPortResolver(Executor executor, Duration timeout, String serverHost, int maxInFlight) {
        this.http = HttpClient.newBuilder().executor(executor).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
        this.serverHost = serverHost;
        this.inFlight = new Semaphore(maxInFlight);
    }

    /** Looks up {@code port}; {@code done} runs once, on an HTTP client thread or the caller's. */
    void resolve(String base, int port, boolean publish, Consumer<Outcome> done) {
        if (inFlight.tryAcquire()) {
            send(base, port, publish, done);
        } else if (waitingCount.incrementAndGet() > MAX_WAITING) {
            waitingCount.decrementAndGet();
            done.accept(fault("too many port lookups waiting for the configuration backend"));
        } else {
            waiting.add(() -> send(base, port, publish, done));
            startWaiting(); // a lookup may have finished between tryAcquire and add
        }
    }

    /** Runs waiting lookups while permits are free. */
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

    /** Sends one lookup; holds a permit, which is given back (and passed on) when it completes. */
    private void send(String base, int port, boolean publish, Consumer<Outcome> done) {
        String mode = publish ? "publish" : "play";
        URI uri;
        try {
            uri = URI.create(base + "srt_port_resolve/" + port + "?mode=" + mode + "&host="
                    + URLEncoder.encode(serverHost, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            inFlight.release();
            done.accept(fault("config_external is not a usable URL: " + e.getMessage()));
            startWaiting();
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .whenComplete((response, error) -> {
                    inFlight.release();
                    Outcome outcome = error != null
                            ? fault("configuration backend did not answer " + uri + ": " + describe(error))
                            : read(response, port, mode);
                    health(outcome);
                    done.accept(outcome);
                    startWaiting();
                });
    }

    static Outcome read(HttpResponse<String> response, int port, String mode) {
        int status = response.statusCode();
        if (status == 200) {
            String body = response.body() == null ? "" : response.body().strip();
            if (body.length() <= MAX_BODY && StreamName.isValid(body)) {
                return new Resolved(body);
            }
            return fault("configuration backend answered port " + port + " with no usable stream name: \""
                    + abbreviate(body) + "\"");
        }
        if (status == 400 || status == 404) {
            return new Refused(new SrtAdmission.Reject(SrtAdmission.REJECT_NOT_FOUND,
                    "no stream for " + mode + " port " + port + " (configuration backend: HTTP " + status + ")"), false);
        }
        return fault("configuration backend answered port " + port + " with HTTP " + status);
    }

    private static Refused fault(String reason) {
        return new Refused(new SrtAdmission.Reject(SrtAdmission.REJECT_UNAVAILABLE, reason), true);
    }

    private void health(Outcome outcome) {
        boolean fault = outcome instanceof Refused r && r.backendFault();
        synchronized (healthLock) {
            if (fault) {
                failures++;
                if (!failing) {
                    failing = true;
                    LOG.warning(((Refused) outcome).reject().reason()
                            + "; callers on ports not resolved yet are refused until it answers again"
                            + " (ports already resolved keep working)");
                }
            } else if (failing) {
                failing = false;
                LOG.info("The configuration backend answers again (" + failures + " failed port lookups meanwhile)");
                failures = 0;
            }
        }
    }

    private static String describe(Throwable error) {
        Throwable cause = error.getCause() != null && error instanceof java.util.concurrent.CompletionException
                ? error.getCause() : error;
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() > 80 ? oneLine.substring(0, 80) + "..." : oneLine;
    }
}
