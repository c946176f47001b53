package org.openstreamer.ejb.events;

import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.MediaEventType;

import java.time.Instant;
import java.util.Map;

/**
 * What an engine event does to the {@code sessions} table: a play or publish session opens or
 * closes, or (when an engine starts) every session its node left open is closed. Pure, so the
 * mapping is tested without a database.
 */
sealed interface SessionChange {

    String PLAY = "play";
    String PUBLISH = "publish";

    record Open(String kind, String stream, String protocol, String peer, Integer port, Instant at) implements SessionChange {
    }

    /** Closes the open session of this kind, stream and peer; byte counts are null when the engine gave none. */
    record Close(String kind, String stream, String peer, Instant at, String reason, Long bytesSent, Long bytesReceived)
            implements SessionChange {
    }

    /** The engine of this node (re)started: whatever it had open ended with the previous run. */
    record CloseAll(Instant at) implements SessionChange {
    }

    /** The change an event makes, or null for events that do not touch sessions (or lack a stream or peer). */
    static SessionChange of(MediaEvent e) {
        Map<String, Object> d = e.data();
        if (MediaEventType.ENGINE_STARTED.wireName().equals(e.type())) {
            return new CloseAll(e.occurredAt());
        }
        String peer = bounded(text(d.get("peer")), 300); // a pulled source's peer is its URL, which may be long
        if (e.stream() == null || peer == null) {
            return null;
        }
        String protocol = d.get("protocol") instanceof String p ? p : "srt";
        if (MediaEventType.PLAY_STARTED.wireName().equals(e.type())) {
            return new Open(PLAY, e.stream(), protocol, peer, number(d.get("port")), e.occurredAt());
        }
        if (MediaEventType.PUBLISH_STARTED.wireName().equals(e.type())) {
            return new Open(PUBLISH, e.stream(), protocol, peer, number(d.get("port")), e.occurredAt());
        }
        if (MediaEventType.PLAY_STOPPED.wireName().equals(e.type())) {
            return new Close(PLAY, e.stream(), peer, e.occurredAt(), reason(d), bytes(d.get("bytes")), null);
        }
        if (MediaEventType.PUBLISH_STOPPED.wireName().equals(e.type())) {
            return new Close(PUBLISH, e.stream(), peer, e.occurredAt(), reason(d), null, bytes(d.get("bytes")));
        }
        return null;
    }

    /** The column holds 255 characters; an engine's reason is a short sentence, but bounded all the same. */
    private static String reason(Map<String, Object> d) {
        String r = text(d.get("reason"));
        return r == null || r.length() <= 255 ? r : r.substring(0, 255);
    }

    /** The columns' sizes; a start and its stop cut the same peer the same way, so they still meet. */
    private static String bounded(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static String text(Object v) {
        return v instanceof String s ? s : null;
    }

    private static Integer number(Object v) {
        return v instanceof Integer i ? i : null;
    }

    private static Long bytes(Object v) {
        return v instanceof Number n && n.longValue() >= 0 ? n.longValue() : null;
    }
}
