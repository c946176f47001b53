package org.openstreamer.web.playback;

import org.openstreamer.ejb.events.PlaySessionRecord;
import org.openstreamer.ejb.events.PlaySessionStore;
import org.openstreamer.web.playback.auth.PlaySession;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Collects the sessions that open and close and writes them to PostgreSQL in batches (every
 * {@code flush}, from a scheduler), never on a request. A database that is down costs the history
 * of that time, never playback: the queue is bounded and a failed batch is logged and dropped.
 */
final class SessionHistory {

    private static final Logger LOG = Logger.getLogger(SessionHistory.class.getName());
    static final int MAX_QUEUED = 100_000;

    private final PlaySessionStore store;
    private final ConcurrentLinkedQueue<PlaySessionRecord> opened = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<PlaySessionRecord> closed = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private volatile long lastWarning;

    SessionHistory(PlaySessionStore store) {
        this.store = store;
    }

    void opened(PlaySession s) {
        offer(opened, record(s, null));
    }

    void closed(PlaySession s) {
        offer(closed, record(s, Instant.now()));
    }

    private void offer(ConcurrentLinkedQueue<PlaySessionRecord> queue, PlaySessionRecord r) {
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            warn("session history queue full: a session record was dropped");
            return;
        }
        queue.add(r);
    }

    /** Writes what was queued: the opened ones first, so a session that opened and closed since the last flush is one row. */
    void flush() {
        List<PlaySessionRecord> open = drain(opened);
        List<PlaySessionRecord> done = drain(closed);
        if (open.isEmpty() && done.isEmpty()) {
            return;
        }
        try {
            store.write(open, done);
        } catch (Exception e) {
            warn("session history not written (" + open.size() + " opened, " + done.size() + " closed): " + e);
        }
    }

    private List<PlaySessionRecord> drain(ConcurrentLinkedQueue<PlaySessionRecord> queue) {
        List<PlaySessionRecord> list = new ArrayList<>();
        PlaySessionRecord r;
        while (list.size() < 10_000 && (r = queue.poll()) != null) {
            list.add(r);
            queued.decrementAndGet();
        }
        return list;
    }

    private static PlaySessionRecord record(PlaySession s, Instant closedAt) {
        return new PlaySessionRecord(s.id(), s.key().stream(), s.key().ip(), s.request().type(), s.key().token(),
                s.userId(), s.request().referer(), s.request().userAgent(), Instant.ofEpochMilli(s.createdAt()),
                closedAt, s.closeReason(), s.bytesSent());
    }

    private void warn(String message) {
        long now = System.nanoTime();
        if (lastWarning == 0 || now - lastWarning > 60_000_000_000L) {
            lastWarning = now;
            LOG.warning(message);
        }
    }
}
