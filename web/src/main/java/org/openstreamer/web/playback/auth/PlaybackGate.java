package org.openstreamer.web.playback.auth;

import org.openstreamer.connector.api.ReadyBody;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Who may watch: the one place every playback request of a stream with a policy passes (live
 * HLS on the I/O thread once its session is open, everything else in {@code PlaybackFilter}).
 * A request of an open session is a hash map get; a new viewer is decided once, by the stream's
 * {@code on_play} backend when it has one (asked asynchronously), within its limits; the backend is
 * asked again every {@code X-AuthDuration} seconds by {@link #sweep}, never on a request.
 */
public final class PlaybackGate {

    /** An HLS viewer that asks for nothing in this long has gone. */
    public static final long IDLE_SECONDS = 60;
    /** How long a stream's policy is trusted before it is read again (a changed on_play applies within this). */
    static final long POLICY_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** When the backend did not answer a re-check, it is asked again this soon; the session stays as it was. */
    static final long RETRY_SECONDS = 10;

    /** The request attribute holding the token of the request's session (archive playlists write it into their URLs). */
    public static final String TOKEN_ATTRIBUTE = "org.openstreamer.playback.token";
    /** The reason of a refusal by the stream's {@code domains}. */
    public static final String REFERER_DENIED = "referer_denied";

    private static final Logger LOG = Logger.getLogger(PlaybackGate.class.getName());

    private static volatile PlaybackGate current;

    private final SessionTable sessions;
    private final PlayBackend backend;
    private final ConcurrentHashMap<String, CachedPolicy> policies = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    /** The rules of the auth_backend blocks sessions were opened with, for their re-checks (renewed with the policies). */
    private final ConcurrentHashMap<URI, AuthRules> named = new ConcurrentHashMap<>();
    private volatile long lastWarning;

    private record CachedPolicy(PlayPolicy policy, long expires) {
    }

    /** How long a read policy is trusted (POLICY_NANOS; shorter in tests). */
    private final long policyNanos;

    public PlaybackGate(SessionTable sessions, PlayBackend backend) {
        this(sessions, backend, POLICY_NANOS);
    }

    PlaybackGate(SessionTable sessions, PlayBackend backend, long policyNanos) {
        this.sessions = sessions;
        this.backend = backend;
        this.policyNanos = policyNanos;
    }

    /** The gate of this deployment (the I/O-thread handler finds it here), or null before the filter made it. */
    public static PlaybackGate current() {
        return current;
    }

    public static void install(PlaybackGate gate) {
        current = gate;
    }

    public SessionTable sessions() {
        return sessions;
    }

    /** The stream's policy if it was read recently, else null (the caller reads it with {@link #policy}). */
    public PlayPolicy knownPolicy(String stream) {
        CachedPolicy c = policies.get(stream);
        return c == null || System.nanoTime() - c.expires >= 0 ? null : c.policy;
    }

    /**
     * The stream's policy, read with {@code loader} when it is not known or too old. When the loader
     * fails (the database is down) a policy read before stays in force, tried again after the same
     * period, so that viewers go on watching through an outage; with none, the loader's exception.
     */
    public PlayPolicy policy(String stream, Function<String, PlayPolicy> loader) {
        CachedPolicy c = policies.get(stream);
        if (c != null && System.nanoTime() - c.expires < 0) {
            return c.policy;
        }
        PlayPolicy p;
        try {
            p = loader.apply(stream);
        } catch (RuntimeException e) {
            if (c == null) {
                throw e;
            }
            p = c.policy;
        }
        if (policies.size() > 100_000) {
            policies.clear(); // names come from URLs: never let them grow the map without end
        }
        policies.put(stream, new CachedPolicy(p, System.nanoTime() + policyNanos));
        return p;
    }

    /** Forgets every stream's policy (the configuration changed). */
    public void forgetPolicies() {
        policies.clear();
    }

    /** The open session of this viewer, or null (none yet, or banned: the slow path decides). */
    public PlaySession openSession(String stream, String ip, String token) {
        if (token == null) {
            return null;
        }
        PlaySession s = sessions.find(new SessionKey(stream, ip, token), System.nanoTime());
        return s != null && s.isOpen() ? s : null;
    }

    /** Decides about a viewer of a stream whose policy is active; completes at once unless the backend is asked. */
    public CompletableFuture<Decision> admit(PlayRequest request, PlayPolicy policy) {
        if (request.token() == null || request.token().isEmpty()) {
            if (policy.noAutoToken()) {
                return CompletableFuture.completedFuture(Decision.refuse("token_required"));
            }
            request = request.withToken(newToken());
        }
        long now = System.nanoTime();
        PlaySession s = sessions.find(request.key(), now);
        if (s != null) {
            return CompletableFuture.completedFuture(s.isOpen() ? Decision.allow(s) : Decision.refuse("denied"));
        }
        URI url = policy.onPlay();
        if (url == null) {
            return CompletableFuture.completedFuture(open(request, null, BackendAnswer.UNKNOWN, policy));
        }
        String secret = SecureToken.secretOf(url);
        if (secret != null) { // checked here, once per session; nothing to ask again later
            return CompletableFuture.completedFuture(SecureToken.valid(request.token(), request.stream(), request.ip(),
                    secret, System.currentTimeMillis() / 1000) ? open(request, null, BackendAnswer.UNKNOWN, policy)
                    : Decision.refuse("denied"));
        }
        PlayRequest asked = request;
        if (PlayPolicy.named(url)) {
            if (policy.rules() == null) {
                warnOnce("on_play " + url + " of " + request.stream() + " names no auth_backend block; its viewers are refused");
                return CompletableFuture.completedFuture(Decision.refuse("backend_unavailable"));
            }
            named.put(url, policy.rules());
        }
        return ask(url, policy.rules(), request, true)
                .thenApply(answer -> switch (answer.verdict()) {
                    case ALLOW -> open(asked, url, answer, policy);
                    case DENY -> {
                        sessions.ban(asked, url, answer.authSeconds(), System.nanoTime());
                        yield Decision.refuse("denied");
                    }
                    case REDIRECT -> Decision.redirect(answer.location());
                    case UNKNOWN -> Decision.refuse("backend_unavailable"); // not opened, and not banned either
                });
    }

    /**
     * A refusal of this viewer known from memory, or null: for a handshake that must be answered at
     * once (SRT). Opens nothing; {@link #admit} decides for real once the viewer is connected.
     */
    public Decision refusalKnown(PlayRequest request, PlayPolicy policy) {
        if (!policy.refererAllowed(request.referer())) {
            return Decision.refuse(REFERER_DENIED);
        }
        boolean noToken = request.token() == null || request.token().isEmpty();
        if (noToken && policy.noAutoToken()) {
            return Decision.refuse("token_required");
        }
        if (!noToken) {
            PlaySession s = sessions.find(request.key(), System.nanoTime());
            if (s != null) {
                return s.isOpen() ? null : Decision.refuse("denied");
            }
            String secret = SecureToken.secretOf(policy.onPlay());
            if (secret != null && !SecureToken.valid(request.token(), request.stream(), request.ip(), secret,
                    System.currentTimeMillis() / 1000)) {
                return Decision.refuse("denied");
            }
        }
        if (PlayPolicy.named(policy.onPlay()) && policy.rules() != null
                && policy.rules().local(request) == BackendAnswer.Verdict.DENY) {
            return Decision.refuse("denied"); // an ip, token or ua rule (or the default of a block without backends)
        }
        return full(request.stream(), policy);
    }

    /** Whether this viewer's token was denied lately (a ban is known whatever the policy cache holds). */
    public boolean banned(PlayRequest request) {
        if (request.token() == null || request.token().isEmpty()) {
            return false;
        }
        PlaySession s = sessions.find(request.key(), System.nanoTime());
        return s != null && !s.isOpen();
    }

    private Decision full(String stream, PlayPolicy policy) {
        if (policy.maxSessions() != null && sessions.count(stream) >= policy.maxSessions()) {
            return Decision.refuse("stream_full");
        }
        if (policy.serverMaxSessions() != null && sessions.total() >= policy.serverMaxSessions()) {
            return Decision.refuse("server_full");
        }
        return null;
    }

    private Decision open(PlayRequest request, URI url, BackendAnswer answer, PlayPolicy policy) {
        Object opened = sessions.open(request, url, answer, policy.maxSessions(), policy.serverMaxSessions(),
                policy.softLimitation(), System.nanoTime());
        if (opened instanceof PlaySession s) {
            return Decision.allow(s);
        }
        return Decision.refuse(opened == SessionTable.Refusal.STREAM_FULL ? "stream_full" : "server_full");
    }

    /** Closes idle sessions and asks the backends again about the open sessions whose time came. */
    public void sweep() {
        for (PlaySession s : sessions.sweep(System.nanoTime())) {
            s.checking = true;
            ask(s.backend(), named.get(s.backend()), s.request(), false)
                    .thenAccept(answer -> recheck(s, answer))
                    .whenComplete((v, e) -> s.checking = false);
        }
    }

    /**
     * The answer about a viewer: from its HTTP backend, or from the rules of the auth_backend
     * {@code url} names (their backends asked in parallel); UNKNOWN for a block that is gone.
     */
    private CompletableFuture<BackendAnswer> ask(URI url, AuthRules rules, PlayRequest r, boolean newSession) {
        int total = sessions.total();
        int stream = sessions.count(r.stream());
        if (!PlayPolicy.named(url)) {
            return backend.ask(url, r, newSession, total, stream);
        }
        if (rules == null) {
            return CompletableFuture.completedFuture(BackendAnswer.UNKNOWN);
        }
        return rules.decide(r, u -> backend.ask(u, r, newSession, total, stream));
    }

    private void warnOnce(String message) {
        long now = System.nanoTime();
        if (lastWarning == 0 || now - lastWarning > TimeUnit.MINUTES.toNanos(1)) {
            lastWarning = now;
            LOG.warning(message);
        }
    }

    /** A re-check's answer: a denial closes (and bans) the session; no answer keeps it as it was and asks again soon. */
    void recheck(PlaySession s, BackendAnswer answer) {
        long now = System.nanoTime();
        switch (answer.verdict()) {
            case ALLOW -> sessions.renewed(s, answer, now);
            case DENY -> sessions.close(s, "denied", answer.authSeconds(), now);
            default -> s.deadlineNanos = now + TimeUnit.SECONDS.toNanos(RETRY_SECONDS);
        }
    }

    /** How long a session closed by hand stays banned: its backend's X-AuthDuration, or the default. */
    public static long banSeconds(PlaySession s) {
        return s.authSeconds > 0 ? s.authSeconds : BackendAnswer.DEFAULT_AUTH_SECONDS;
    }

    /** The playlist as this session gets it: every URL in it carries the session's token. Reused while the playlist is the same. */
    public ReadyBody tokenized(PlaySession s, ReadyBody playlist) {
        Object[] cached = s.playlist;
        if (cached != null && cached[0] == playlist) {
            return (ReadyBody) cached[1];
        }
        StringBuilder text = new StringBuilder((int) playlist.length());
        for (ByteBuffer b : playlist.buffers()) {
            text.append(StandardCharsets.UTF_8.decode(b));
        }
        byte[] bytes = PlaylistTokens.rewrite(text.toString(), s.key().token()).getBytes(StandardCharsets.UTF_8);
        String tag = playlist.etag().replace("\"", "") + "-" + Integer.toHexString(s.key().token().hashCode());
        ReadyBody mine = new ReadyBody(new ByteBuffer[] {ByteBuffer.wrap(bytes)}, playlist.contentType(),
                "no-cache, private", tag, System.currentTimeMillis());
        s.playlist = new Object[] {playlist, mine};
        return mine;
    }

    private String newToken() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
