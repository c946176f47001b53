package org.openstreamer.ejb.notify;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.openstreamer.ejb.model.NotifySink;
import org.openstreamer.ejb.validate.NotifySinkValidator;

import java.net.URI;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ThreadFactory;

/**
 * A configured sink at work: its filter and verbose level, decided on the caller's thread, and the
 * worker that delivers what passes.
 */
public final class ActiveSink {

    /** Events that {@code verbose alert} keeps: something is wrong. */
    static final Set<String> ALERTS = Set.of("source_lost", "frames_timed_out", "connection_rejected",
            "dvr_write_failed", "engine_stopping", "listener_failure");
    /** Events only {@code verbose debug} (the default) sends: one per viewer, many on a busy server. */
    static final Set<String> DEBUG = Set.of("play_started", "play_stopped");

    static final int QUEUE_SIZE = 10_000;
    static final int MAX_BATCH = 100;
    static final long FIRST_RETRY_MILLIS = 1_000;
    static final long MAX_RETRY_MILLIS = 60_000;

    private final NotifySink definition;
    private final EventFilter filter;
    private final SinkWorker worker;

    ActiveSink(NotifySink definition, SinkWorker worker) {
        this.definition = definition;
        this.filter = new EventFilter(definition.only(), definition.except());
        this.worker = worker;
    }

    /** Starts delivering for {@code definition}; a {@code log://} file is below {@code logDir}. */
    public static ActiveSink start(NotifySink definition, ThreadFactory threads, Path logDir) {
        Object target = NotifySinkValidator.target(definition.sink());
        Delivery delivery = target instanceof URI url
                ? new HttpDelivery(url, definition.signKey())
                : new LogFileDelivery(logDir.resolve((Path) target));
        SinkWorker worker = new SinkWorker(definition.name(), delivery, QUEUE_SIZE, MAX_BATCH,
                FIRST_RETRY_MILLIS, MAX_RETRY_MILLIS);
        worker.start(threads);
        return new ActiveSink(definition, worker);
    }

    public NotifySink definition() {
        return definition;
    }

    /** Queues the event if this sink wants it; never blocks. */
    public void offer(JsonObject event) {
        if (wants(event)) {
            worker.offer(event);
        }
    }

    boolean wants(JsonObject event) {
        String name = event.get(EventPayload.EVENT) instanceof JsonString s ? s.getString() : "";
        boolean level = switch (definition.verbose()) {
            case "alert" -> ALERTS.contains(name);
            case "info" -> !DEBUG.contains(name);
            default -> true;
        };
        return level && filter.accepts(event);
    }

    public SinkStats stats() {
        return worker.stats();
    }

    public void stop() {
        worker.stop();
    }
}
