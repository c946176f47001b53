package org.openstreamer.connector.push;

import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.MediaEventType;
import org.openstreamer.connector.api.PushConfig;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * What a push says, the same for every kind of push: its log lines and events, and its failures
 * in a row. The first failure of a run and the one that gives up are logged and raise
 * {@code push_failed}; the retries in between only show in the status. Guarded by the push that
 * owns it.
 */
final class PushReporter {

    private static final Logger LOG = Logger.getLogger(PushReporter.class.getName());

    private final String stream;
    private final PushConfig config;
    private final Consumer<MediaEvent> events;
    private int failures;
    private String error;
    private Instant errorAt;
    /** System.nanoTime() of the next attempt after a failure. */
    private long retryAt;

    PushReporter(String stream, PushConfig config, Consumer<MediaEvent> events) {
        this.stream = stream;
        this.config = config;
        this.events = events;
    }

    /** Records a failure; true when it was the last one allowed ({@code retry_limit}): the push gives up. */
    boolean fail(String reason) {
        failures++;
        error = reason;
        errorAt = Instant.now();
        retryAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(config.retryTimeout());
        boolean givesUp = config.retryLimit() > 0 && failures >= config.retryLimit();
        if (failures == 1 || givesUp) {
            LOG.warning("Stream " + stream + ": push to " + config.url() + " failed: " + reason
                    + (givesUp ? "; giving up after " + failures + " failures in a row"
                    : "; retrying every " + config.retryTimeout() + " s"));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("url", config.url());
            data.put("reason", reason);
            data.put("failures", failures);
            data.put("retry_in", givesUp ? 0 : config.retryTimeout());
            events.accept(MediaEvent.of(MediaEventType.PUSH_FAILED, stream, data));
        }
        return givesUp;
    }

    /** A push that cannot run at all (its URL): status error from the start, said once. */
    void refuse(String reason) {
        error = reason;
        errorAt = Instant.now();
        LOG.warning("Stream " + stream + ": " + reason + "; the push waits with status error");
    }

    /** Connected and sending: {@code push_started}, and the count of failures in a row starts again. */
    void started() {
        failures = 0;
        LOG.info("Stream " + stream + ": pushing to " + config.url());
        events.accept(MediaEvent.of(MediaEventType.PUSH_STARTED, stream, Map.of("url", config.url())));
    }

    /** A connection ended, by failure or not: {@code push_stopped} with what it sent. */
    void stopped(String reason, long bytes) {
        LOG.info("Stream " + stream + ": push to " + config.url() + " stopped: " + reason);
        events.accept(MediaEvent.of(MediaEventType.PUSH_STOPPED, stream,
                Map.of("url", config.url(), "reason", reason, "bytes", bytes)));
    }

    boolean retryDue(long now) {
        return now - retryAt >= 0;
    }

    int failures() {
        return failures;
    }

    String error() {
        return error;
    }

    Instant errorAt() {
        return errorAt;
    }

    static String reason(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
