package org.openstreamer.web.playback;

import org.openstreamer.connector.api.PlayAuthorizer;
import org.openstreamer.web.playback.auth.Decision;
import org.openstreamer.web.playback.auth.PlayPolicy;
import org.openstreamer.web.playback.auth.PlayRequest;
import org.openstreamer.web.playback.auth.PlaySession;
import org.openstreamer.web.playback.auth.PlaybackGate;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The playback check of SRT and RTMP players, which the engine owns: the same {@link PlaybackGate}
 * as HTTP (policy, backend, sessions, limits), installed into the engine by {@link PlaybackFilter}.
 * Neither call blocks: libsrt's listen callback asks {@link #refusalKnown} (memory only: bans, limits,
 * and the rules of an {@code auth_backend} that need no backend's answer), the SRT
 * reactor {@link #admit}, whose policy, when not in the gate's cache, is read on {@code executor}.
 */
final class EnginePlayerCheck implements PlayAuthorizer {

    private final PlaybackGate gate;
    private final Function<String, PlayPolicy> loader;
    private final Executor executor;

    EnginePlayerCheck(PlaybackGate gate, Function<String, PlayPolicy> loader, Executor executor) {
        this.gate = gate;
        this.loader = loader;
        this.executor = executor;
    }

    @Override
    public CompletableFuture<Verdict> admit(Viewer viewer) {
        PlayPolicy known = gate.knownPolicy(viewer.stream());
        if (known != null) {
            return decide(viewer, known);
        }
        return CompletableFuture.supplyAsync(() -> gate.policy(viewer.stream(), loader), executor)
                .thenCompose(policy -> decide(viewer, policy));
    }

    /** From the gate's memory only: of a stream whose policy is not cached now, only a remembered denial is known. */
    @Override
    public Verdict refusalKnown(Viewer viewer) {
        PlayPolicy policy = gate.knownPolicy(viewer.stream());
        if (policy == null) { // read once the player is connected; a denial is remembered without it
            return gate.banned(request(viewer)) ? verdict(Decision.refuse("denied")) : null;
        }
        if (!policy.active()) {
            return policy.refererAllowed(viewer.referer()) ? null : verdict(Decision.refuse(PlaybackGate.REFERER_DENIED));
        }
        Decision d = gate.refusalKnown(request(viewer), policy);
        return d == null ? null : verdict(d);
    }

    private CompletableFuture<Verdict> decide(Viewer v, PlayPolicy policy) {
        if (!policy.refererAllowed(v.referer())) { // an RTMP pageUrl; an SRT player has none
            return CompletableFuture.completedFuture(verdict(Decision.refuse(PlaybackGate.REFERER_DENIED)));
        }
        if (!policy.active()) {
            return CompletableFuture.completedFuture(Verdict.OPEN);
        }
        return gate.admit(request(v), policy).thenApply(this::verdict);
    }

    private static PlayRequest request(Viewer v) {
        return new PlayRequest(v.stream(), v.ip(), v.token(), v.referer(), v.userAgent(), v.protocol(),
                mediaRequest(v.protocol()));
    }

    /** What the backend is told was asked for: there is one way to play a stream over each of these protocols. */
    static String mediaRequest(String protocol) {
        return protocol + "_handler-play";
    }

    Verdict verdict(Decision d) {
        if (d.allowed()) {
            return new Verdict(new SessionGrant(gate, d.session()), 200, null);
        }
        if (d.location() != null) {
            return new Verdict(null, 302, "the backend redirects this viewer to " + d.location());
        }
        return new Verdict(null, d.status(), d.reason());
    }

    /** A player's session: it lives as long as the connection, and the server's close of it cuts the connection. */
    private static final class SessionGrant implements Grant {

        private final PlaybackGate gate;
        private final PlaySession session;
        private final AtomicBoolean ended = new AtomicBoolean();

        SessionGrant(PlaybackGate gate, PlaySession session) {
            this.gate = gate;
            this.session = session;
        }

        @Override
        public void onRevoked(Runnable disconnect) {
            session.onDisconnect(disconnect);
        }

        @Override
        public void ended(long bytes) {
            if (ended.compareAndSet(false, true)) {
                long now = System.nanoTime();
                session.seen(now, bytes);
                gate.sessions().close(session, "disconnected", 0, now);
            }
        }
    }
}
