package org.openstreamer.ejb.events;

import jakarta.persistence.EntityManager;
import org.openstreamer.connector.api.MediaEvent;

import java.sql.Timestamp;

/**
 * Keeps the {@code sessions} table in step with the engine's play and publish events, in the
 * transaction that records the event. A stop whose start was never recorded (an event dropped
 * under load) changes nothing; sessions a crashed node left open are closed when its engine
 * starts again. Values that may be null are cast in SQL: PostgreSQL cannot type a bare null.
 */
final class SessionRecorder {

    static final String OPEN = """
            INSERT INTO sessions (kind, stream, protocol, peer, port, node, created_at)
            VALUES (?1, ?2, ?3, ?4, CAST(?5 AS integer), ?6, ?7)""";
    static final String CLOSE = """
            UPDATE sessions SET closed_at = greatest(created_at, ?1), reason = CAST(?2 AS varchar),
                   bytes_sent = CAST(?3 AS bigint), bytes_received = CAST(?4 AS bigint)
             WHERE closed_at IS NULL AND stream = ?5 AND kind = ?6 AND peer = ?7 AND node = ?8""";
    static final String CLOSE_ALL = """
            UPDATE sessions SET closed_at = greatest(created_at, ?1), reason = 'server restarted'
             WHERE closed_at IS NULL AND node = ?2 AND created_at <= ?1""";

    private SessionRecorder() {
    }

    static void apply(EntityManager em, MediaEvent event, String node) {
        SessionChange change = SessionChange.of(event);
        if (change instanceof SessionChange.Open o) {
            em.createNativeQuery(OPEN).setParameter(1, o.kind()).setParameter(2, o.stream())
                    .setParameter(3, o.protocol()).setParameter(4, o.peer()).setParameter(5, o.port())
                    .setParameter(6, node).setParameter(7, Timestamp.from(o.at())).executeUpdate();
        } else if (change instanceof SessionChange.Close c) {
            em.createNativeQuery(CLOSE).setParameter(1, Timestamp.from(c.at())).setParameter(2, c.reason())
                    .setParameter(3, c.bytesSent()).setParameter(4, c.bytesReceived()).setParameter(5, c.stream())
                    .setParameter(6, c.kind()).setParameter(7, c.peer()).setParameter(8, node).executeUpdate();
        } else if (change instanceof SessionChange.CloseAll a) {
            em.createNativeQuery(CLOSE_ALL).setParameter(1, Timestamp.from(a.at())).setParameter(2, node).executeUpdate();
        }
    }
}
