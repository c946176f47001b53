package org.openstreamer.connector.ingest;

import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.buffer.LiveStream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The engine's table of who publishes to which stream, whatever the protocol: at most one
 * {@link IngestSession} per stream, so a second publisher is refused the same way for all.
 */
public final class IngestSessions {

    private final Function<String, LiveStream> hubs;
    private final Consumer<MediaEvent> events;
    private final Map<String, IngestSession> byStream = new ConcurrentHashMap<>();

    /**
     * @param hubs   a stream's live hub, created if needed; null if the stream is not configured
     * @param events where ingest events go
     */
    public IngestSessions(Function<String, LiveStream> hubs, Consumer<MediaEvent> events) {
        this.hubs = hubs;
        this.events = events;
    }

    /**
     * Admits {@code source} as the publisher of {@code stream}: {@code publish_started}, and the
     * session to feed. Null when the stream is gone or already has a publisher.
     */
    public IngestSession open(String stream, Source source) {
        LiveStream hub = hubs.apply(stream);
        if (hub == null) {
            return null;
        }
        IngestSession session = new IngestSession(stream, source, hub, events, s -> byStream.remove(s.stream(), s));
        if (byStream.putIfAbsent(stream, session) != null) {
            return null;
        }
        session.start();
        return session;
    }

    public boolean hasPublisher(String stream) {
        return byStream.containsKey(stream);
    }

    /** Asks every publisher {@code gone} picks to go, with {@code reason}. */
    public void disconnectIf(Predicate<IngestSession> gone, String reason) {
        byStream.values().forEach(s -> {
            if (gone.test(s)) {
                s.source().disconnect(reason);
            }
        });
    }

    /** Asks the stream's publisher, if any, to go (a restart); it may connect again. */
    public void disconnect(String stream, String reason) {
        IngestSession s = byStream.get(stream);
        if (s != null) {
            s.source().disconnect(reason);
        }
    }
}
