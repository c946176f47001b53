package org.openstreamer.web.dvr;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Absolute timeshift sessions: a player asking for {@code timeshift_abs-FROM.m3u8} again and
 * again gets a playlist that moves on with the clock from its first request, as the reference
 * does. A session is the client address, stream, FROM and {@code token}; a new token starts
 * again at FROM. Sessions nobody asked for in a few minutes are forgotten.
 */
final class TimeshiftSessions {

    static final long IDLE_MS = 5 * 60_000;
    private static final int MAX = 100_000;

    /** Where a session is: wall-clock start and the archive time skipped over gaps so far. */
    static final class Session {
        final long startedAt;
        volatile long skippedMillis;
        volatile long lastSeen;

        Session(long now) {
            startedAt = now;
            lastSeen = now;
        }

        /** The archive instant the session plays now. */
        long position(long fromMillis, long now) {
            return fromMillis + (now - startedAt) + skippedMillis;
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    Session get(String client, String stream, long from, String token, long now) {
        if (sessions.size() > MAX) {
            expire(now);
        }
        Session s = sessions.computeIfAbsent(client + '\n' + stream + '\n' + from + '\n' + token, k -> new Session(now));
        s.lastSeen = now;
        return s;
    }

    void expire(long now) {
        for (Iterator<Session> it = sessions.values().iterator(); it.hasNext(); ) {
            if (now - it.next().lastSeen > IDLE_MS) {
                it.remove();
            }
        }
    }
}
