package org.openstreamer.connector.ingest;

import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.buffer.LiveStream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * The engine's table of who publishes to which stream, whatever the protocol: at most one
 * {@link IngestSession} per stream, so a second publisher is refused the same way for all.
 */
public final class IngestSessions {

    private final Function<String, LiveStream> hubs;
    private final Consumer<MediaEvent> events;
    private final ToLongFunction<String> framesTimeoutMs;
    private final Map<String, IngestSession> byStream = new ConcurrentHashMap<>();
    /** Publishers standing by (connected, without frames) while something else feeds their stream. */
    private final Map<String, IngestSession> standingBy = new ConcurrentHashMap<>();

    /**
     * @param hubs   a stream's live hub, created if needed; null if the stream is not configured
     * @param events where ingest events go
     */
    public IngestSessions(Function<String, LiveStream> hubs, Consumer<MediaEvent> events) {
        this(hubs, events, stream -> IngestSession.FRAMES_TIMEOUT_MS);
    }

    /** @param framesTimeoutMs a stream's {@code frames_timeout}, in milliseconds */
    public IngestSessions(Function<String, LiveStream> hubs, Consumer<MediaEvent> events,
                          ToLongFunction<String> framesTimeoutMs) {
        this.hubs = hubs;
        this.events = events;
        this.framesTimeoutMs = framesTimeoutMs;
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
        IngestSession session = new IngestSession(stream, source, hub, events, s -> {
                    byStream.remove(s.stream(), s);
                    standingBy.remove(s.stream(), s);
                },
                framesTimeoutMs.applyAsLong(stream));
        if (byStream.putIfAbsent(stream, session) != null) {
            return null;
        }
        session.start();
        return session;
    }

    public boolean hasPublisher(String stream) {
        return byStream.containsKey(stream);
    }

    /** Milliseconds since the stream's session last brought a frame, or -1 without one. */
    public long frameAgeMillis(String stream) {
        IngestSession s = byStream.get(stream);
        return s == null ? -1 : s.frameAgeMillis();
    }

    /**
     * Puts the stream's session aside ({@link IngestSession#standBy}) so another source may open
     * one; {@code waker} decides when its frames come again, and {@link #resume} gives it the
     * stream back. The session, or null if the stream has none or it would not stand by.
     */
    public IngestSession standBy(String stream, IngestSession.Waker waker) {
        IngestSession s = byStream.get(stream);
        if (s == null) {
            return null;
        }
        synchronized (s) { // the session's lock: its feeding thread cannot wake it before the maps say so
            standingBy.put(stream, s); // first: a second publisher is refused throughout
            if (!s.standBy(waker)) {
                standingBy.remove(stream, s);
                return null;
            }
            byStream.remove(stream, s);
            return s;
        }
    }

    /** A publisher connected but standing by. */
    public boolean hasStandingBy(String stream) {
        return standingBy.containsKey(stream);
    }

    /** {@code session}, standing by, is the stream's publisher again; false if another session has the stream. */
    public boolean resume(IngestSession session) {
        if (byStream.putIfAbsent(session.stream(), session) != null) {
            return false;
        }
        standingBy.remove(session.stream(), session);
        return true;
    }

    /** Asks every publisher {@code gone} picks to go, with {@code reason}. */
    public void disconnectIf(Predicate<IngestSession> gone, String reason) {
        java.util.stream.Stream.concat(byStream.values().stream(), standingBy.values().stream()).forEach(s -> {
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
        disconnectStandingBy(stream, reason);
    }

    /** Asks the stream's publisher standing by, if any, to go. */
    public void disconnectStandingBy(String stream, String reason) {
        IngestSession s = standingBy.get(stream);
        if (s != null) {
            s.source().disconnect(reason);
        }
    }
}
