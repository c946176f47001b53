package org.openstreamer.web.playback.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Every viewer session of this server, open or banned, by {@link SessionKey}: a request of an open
 * session costs one hash map get. Opening and closing (rare next to requests) take the table's lock,
 * so the counts and limits they check stay exact.
 */
public final class SessionTable {

    private static final Logger LOG = Logger.getLogger(SessionTable.class.getName());

    /**
     * Soft limitation: a user found over its X-Max-Sessions is looked at again this much later (and
     * again every as long while it stays over), so its extra sessions are cut 30 to 60 s after they
     * opened, as the reference's "after the 2nd or 3rd check".
     */
    static final long SOFT_GRACE_SECONDS = 30;
    /** A session with a request within this long (or with a connection) is in use; an HLS player asks every few seconds. */
    static final long IN_USE_SECONDS = 20;

    private record Excess(long sinceNanos, int max) {
    }

    /** Why a new session was not opened. */
    public enum Refusal { STREAM_FULL, SERVER_FULL }

    private final ConcurrentHashMap<SessionKey, PlaySession> sessions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> perStream = new ConcurrentHashMap<>();
    /** Users over their X-Max-Sessions under soft limitation: since when, and their limit (guarded by this). */
    private final Map<String, Excess> excess = new java.util.HashMap<>();
    private final long softGraceNanos;
    private final AtomicInteger total = new AtomicInteger();
    private final long idleNanos;
    private final Consumer<PlaySession> onOpen;
    private final Consumer<PlaySession> onClose;

    public SessionTable(long idleSeconds, Consumer<PlaySession> onClose) {
        this(idleSeconds, s -> { }, onClose);
    }

    /**
     * @param idleSeconds a session no request came for in this long is closed (an HLS viewer that went away)
     * @param onOpen      told of every session that opens (for its history), on the opening thread
     * @param onClose     told of every session that closes, on the closing thread
     */
    public SessionTable(long idleSeconds, Consumer<PlaySession> onOpen, Consumer<PlaySession> onClose) {
        this(idleSeconds, SOFT_GRACE_SECONDS, onOpen, onClose);
    }

    /** @param softGraceSeconds how long a user stays over its limit under soft limitation before it is looked at again */
    SessionTable(long idleSeconds, long softGraceSeconds, Consumer<PlaySession> onOpen, Consumer<PlaySession> onClose) {
        this.softGraceNanos = TimeUnit.SECONDS.toNanos(softGraceSeconds);
        this.idleNanos = TimeUnit.SECONDS.toNanos(idleSeconds);
        this.onOpen = onOpen;
        this.onClose = onClose;
    }

    /** The session of this key, open or banned; null when there is none (or its ban ended). */
    public PlaySession find(SessionKey key, long nowNanos) {
        PlaySession s = sessions.get(key);
        if (s != null && s.state == PlaySession.State.BANNED && nowNanos - s.deadlineNanos >= 0) {
            sessions.remove(key, s);
            return null;
        }
        return s;
    }

    public int total() {
        return total.get();
    }

    public int count(String stream) {
        AtomicInteger n = perStream.get(stream);
        return n == null ? 0 : n.get();
    }

    /**
     * Opens a session the backend allowed (or that needs no backend), within the stream's and the
     * server's limits: when one is reached the new viewer is refused (the ones watching keep
     * watching). A user over its own {@code X-Max-Sessions} loses its oldest sessions instead.
     *
     * @param streamLimit the stream's {@code max_sessions}, or null
     * @param serverLimit the server's {@code max_sessions}, or null
     * @return the session, or the refusal
     */
    public Object open(PlayRequest request, URI backend, BackendAnswer answer, Integer streamLimit,
                       Integer serverLimit, long nowNanos) {
        return open(request, backend, answer, streamLimit, serverLimit, false, nowNanos);
    }

    /**
     * As {@link #open(PlayRequest, URI, BackendAnswer, Integer, Integer, long)}; with {@code softLimit}
     * a user over its {@code X-Max-Sessions} keeps its sessions until {@link #sweep} finds it still
     * over, with them all in use, a grace period later.
     */
    public synchronized Object open(PlayRequest request, URI backend, BackendAnswer answer, Integer streamLimit,
                                    Integer serverLimit, boolean softLimit, long nowNanos) {
        SessionKey key = request.key();
        PlaySession existing = find(key, nowNanos);
        if (existing != null && existing.state == PlaySession.State.OPEN) {
            return existing; // two first requests of one viewer raced
        }
        if (streamLimit != null && count(key.stream()) >= streamLimit) {
            return Refusal.STREAM_FULL;
        }
        if (serverLimit != null && total.get() >= serverLimit) {
            return Refusal.SERVER_FULL;
        }
        PlaySession s = new PlaySession(sessionId(key), key, backend, request, nowNanos, System.currentTimeMillis());
        s.userId = answer.userId();
        s.authSeconds = answer.authSeconds();
        s.deadlineNanos = nowNanos + TimeUnit.SECONDS.toNanos(answer.authSeconds());
        s.state = PlaySession.State.OPEN;
        s.softLimit = softLimit;
        sessions.put(key, s);
        perStream.computeIfAbsent(key.stream(), k -> new AtomicInteger()).incrementAndGet();
        total.incrementAndGet();
        onOpen.accept(s);
        if (answer.userId() != null && answer.maxSessions() != null) {
            limitUser(answer.userId(), answer.maxSessions(), softLimit, nowNanos);
        }
        return s;
    }

    /**
     * Closes the oldest sessions of a user beyond {@code max}, banning them so the same token cannot
     * come back at once; under soft limitation only notes that the user is over, for {@link #sweep}.
     */
    private void limitUser(String userId, int max, boolean soft, long nowNanos) {
        List<PlaySession> mine = openOf(userId);
        if (mine.size() <= max) {
            return;
        }
        if (soft) {
            Excess before = excess.get(userId);
            excess.put(userId, new Excess(before == null ? nowNanos : before.sinceNanos, max));
            return;
        }
        mine.sort(Comparator.comparingLong(PlaySession::createdAt).thenComparingLong(s -> s.lastSeenNanos));
        cut(userId, mine, max, nowNanos);
    }

    private List<PlaySession> openOf(String userId) {
        List<PlaySession> mine = new ArrayList<>();
        for (PlaySession s : sessions.values()) {
            if (s.state == PlaySession.State.OPEN && userId.equals(s.userId)) {
                mine.add(s);
            }
        }
        return mine;
    }

    /** Closes (and bans) the first sessions of {@code mine} until {@code max} are left. */
    private void cut(String userId, List<PlaySession> mine, int max, long nowNanos) {
        for (int i = 0; i < mine.size() - max; i++) {
            PlaySession old = mine.get(i);
            LOG.info("[" + old.key().stream() + "] ban session " + old.id() + " of user " + userId
                    + ": more than " + max + " sessions");
            close(old, "user_session_limit", old.authSeconds, nowNanos);
        }
    }

    /** Remembers a denial: the same stream, IP and token are refused without asking for {@code seconds}. */
    public synchronized void ban(PlayRequest request, URI backend, long seconds, long nowNanos) {
        PlaySession s = new PlaySession(sessionId(request.key()), request.key(), backend, request, nowNanos,
                System.currentTimeMillis());
        s.state = PlaySession.State.BANNED;
        s.closeReason = "denied";
        s.deadlineNanos = nowNanos + TimeUnit.SECONDS.toNanos(seconds);
        PlaySession before = sessions.put(request.key(), s);
        if (before != null && before.state == PlaySession.State.OPEN) {
            ended(before, "denied");
        }
    }

    /**
     * Closes a session; with {@code banSeconds > 0} it stays as a ban for that long. Its connection,
     * if it has one, is ended.
     */
    public synchronized boolean close(PlaySession s, String reason, long banSeconds, long nowNanos) {
        if (s.state != PlaySession.State.OPEN) {
            return false;
        }
        if (banSeconds > 0) {
            s.state = PlaySession.State.BANNED;
            s.deadlineNanos = nowNanos + TimeUnit.SECONDS.toNanos(banSeconds);
        } else {
            s.state = PlaySession.State.CLOSED;
            sessions.remove(s.key(), s);
        }
        ended(s, reason);
        return true;
    }

    private void ended(PlaySession s, String reason) {
        s.closeReason = reason;
        AtomicInteger n = perStream.get(s.key().stream());
        if (n != null && n.decrementAndGet() <= 0) {
            perStream.remove(s.key().stream(), n);
        }
        total.decrementAndGet();
        Runnable disconnect = s.disconnect;
        if (disconnect != null) {
            disconnect.run();
        }
        onClose.accept(s);
    }

    /** A session's answer on a re-check: the re-check period (and the user id) start again from it. */
    public void renewed(PlaySession s, BackendAnswer answer, long nowNanos) {
        s.authSeconds = answer.authSeconds();
        s.deadlineNanos = nowNanos + TimeUnit.SECONDS.toNanos(answer.authSeconds());
        if (answer.userId() != null) {
            s.userId = answer.userId();
        }
        if (answer.userId() != null && answer.maxSessions() != null) {
            synchronized (this) {
                limitUser(answer.userId(), answer.maxSessions(), s.softLimit, nowNanos);
            }
        }
    }

    /**
     * Closes sessions nobody asked for in the idle time (a connection-bound one lives as long as its
     * connection), drops ended bans, looks again at the users over their limit under soft
     * limitation, and returns the open sessions due for a re-check.
     */
    public List<PlaySession> sweep(long nowNanos) {
        softLimits(nowNanos);
        List<PlaySession> due = new ArrayList<>();
        for (Map.Entry<SessionKey, PlaySession> e : sessions.entrySet()) {
            PlaySession s = e.getValue();
            if (s.state == PlaySession.State.BANNED) {
                if (nowNanos - s.deadlineNanos >= 0) {
                    sessions.remove(e.getKey(), s);
                }
            } else if (s.state == PlaySession.State.OPEN) {
                if (s.disconnect == null && nowNanos - s.lastSeenNanos > idleNanos) {
                    close(s, "idle", 0, nowNanos);
                } else if (nowNanos - s.deadlineNanos >= 0 && s.backend() != null && !s.checking) {
                    due.add(s);
                }
            }
        }
        return due;
    }

    /**
     * Soft limitation: a user still over its limit a grace period after it went over loses its
     * extra sessions only when more than its limit are in use (a connection, or a request lately);
     * sessions its viewer left (a channel switched with the same token) are not counted, and close
     * as idle without a ban. Otherwise it is looked at again a grace period later.
     */
    private synchronized void softLimits(long nowNanos) {
        if (excess.isEmpty()) {
            return;
        }
        for (var it = excess.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Excess> e = it.next();
            if (nowNanos - e.getValue().sinceNanos < softGraceNanos) {
                continue;
            }
            int max = e.getValue().max;
            List<PlaySession> mine = openOf(e.getKey());
            if (mine.size() <= max) {
                it.remove();
                continue;
            }
            long inUseNanos = TimeUnit.SECONDS.toNanos(IN_USE_SECONDS);
            java.util.function.Predicate<PlaySession> inUse = s -> s.disconnect != null || nowNanos - s.lastSeenNanos <= inUseNanos;
            if (mine.stream().filter(inUse).count() <= max) {
                e.setValue(new Excess(nowNanos, max));
                continue;
            }
            // the ones left first, then the oldest
            mine.sort(Comparator.comparing((PlaySession s) -> inUse.test(s)).thenComparingLong(s -> s.openedNanos));
            it.remove();
            cut(e.getKey(), mine, max, nowNanos);
        }
    }

    /** Open sessions, oldest first. */
    public List<PlaySession> open() {
        List<PlaySession> list = new ArrayList<>();
        for (PlaySession s : sessions.values()) {
            if (s.state == PlaySession.State.OPEN) {
                list.add(s);
            }
        }
        list.sort(Comparator.comparingLong(PlaySession::createdAt).thenComparing(PlaySession::id));
        return list;
    }

    /** The open session of this id, or null. */
    public PlaySession byId(String id) {
        for (PlaySession s : sessions.values()) {
            if (s.state == PlaySession.State.OPEN && s.id().equals(id)) {
                return s;
            }
        }
        return null;
    }

    /** The session's id: a hash of its key (the same viewer gets the same id), then the time it opened. */
    static String sessionId(SessionKey key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] h = sha.digest((key.stream() + '\n' + key.ip() + '\n' + key.token()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 10) + "-" + System.currentTimeMillis();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
