package org.openstreamer.connector.ingest.srt;

import org.openstreamer.connector.api.PlayAuthorizer;
import org.openstreamer.connector.api.SrtConnectionStats;
import org.openstreamer.connector.ingest.IngestSession;
import org.openstreamer.connector.ingest.srt.SrtAdmission.Accept;
import org.openstreamer.connector.ingest.srt.jni.SrtAccepted;
import org.openstreamer.connector.ingest.srt.jni.SrtNative;
import org.openstreamer.connector.ingest.srt.jni.SrtOption;
import org.openstreamer.connector.ingest.srt.jni.SrtSocketState;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The SRT reactor (thread {@code srt-reactor}): one epoll set for every listener and publisher
 * socket, whatever their number. It accepts the callers listeners let through, hands players to
 * the {@link SrtPlayerPump}, admits publishers to the engine as {@link SrtPublisher} sources and
 * feeds them with non-blocking reads, and runs their sessions' half-second check. Publishers are
 * fed and closed on this thread only (but for a configuration change or a stop), so closing
 * never races with a demuxer.
 *
 * <p>A publisher whose stream has an {@code on_publish} backend is accepted, then held: its
 * socket stays out of the epoll set (libsrt buffers what it sends meanwhile) and it is no
 * publisher of its stream until the backend answers, within its deadline. Allowed, it starts as
 * any other; refused, its socket is closed and the refusal reported with its reject code. libsrt's
 * listen callback has to answer at once and has only "accept" or "reject with a code" to give;
 * rejecting with a "try again" code until the answer is known would fail every FFmpeg publisher,
 * which connects once and gives up, so the caller is let in and held instead. A refused caller
 * only sees its connection closed; the backend's denial is remembered for a while, so that when it
 * tries again its handshake is rejected with code 1403 (see {@link SrtAdmission#authorize}).
 */
final class SrtReactor implements Runnable {

    private static final Logger LOG = Logger.getLogger(SrtReactor.class.getName());
    /** The longest a player waits for its playback check (the backend's own deadline is shorter). */
    static final long PLAY_CHECK_TIMEOUT_MS = 10_000;

    private final SrtServer.Host host;
    private final int epoll;
    private final IntFunction<SrtListener> listeners;
    private final Map<Integer, Accept> admitted;
    private final IntConsumer rangeAccepted;
    private final SrtPlayerPump pump;
    private final Map<Integer, SrtPublisher> publishers = new ConcurrentHashMap<>();
    /** Publishers accepted while their on_publish backend is asked, and players while their playback check is, by socket: the peer. */
    private final Map<Integer, String> held = new ConcurrentHashMap<>();
    private final SrtRejectLog rejects;
    /** Work that must run on this thread, the only one feeding publishers. */
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;
    private final CountDownLatch ended = new CountDownLatch(1);

    /**
     * @param epoll         the set, released when the loop ends
     * @param listeners     the listener bound to a socket, or null
     * @param admitted      callers the listen callback let through, by socket
     * @param rangeAccepted told the port of a range that a caller was accepted on
     */
    SrtReactor(SrtServer.Host host, int epoll, IntFunction<SrtListener> listeners, Map<Integer, Accept> admitted,
               IntConsumer rangeAccepted, SrtPlayerPump pump, SrtRejectLog rejects) {
        this.rejects = rejects;
        this.host = host;
        this.epoll = epoll;
        this.listeners = listeners;
        this.admitted = admitted;
        this.rangeAccepted = rangeAccepted;
        this.pump = pump;
    }

    @Override
    public void run() {
        int[] readable = new int[SrtNative.MAX_EPOLL_SOCKETS];
        int[] writable = new int[SrtNative.MAX_EPOLL_SOCKETS];
        int[] counts = new int[2];
        long nextCheck = System.nanoTime() + IngestSession.CHECK_EVERY_NANOS;
        while (running) {
            try {
                int n = SrtNative.epollWait(epoll, readable, writable, counts, 100);
                for (Runnable task; (task = tasks.poll()) != null; ) {
                    task.run();
                }
                for (int i = 0; n > 0 && i < counts[0]; i++) {
                    onReadable(readable[i]);
                }
                if (System.nanoTime() - nextCheck >= 0) {
                    nextCheck = System.nanoTime() + IngestSession.CHECK_EVERY_NANOS;
                    checkPublishers();
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "SRT reactor: " + e.getMessage(), e);
            }
        }
        try {
            SrtNative.epollRelease(epoll);
        } finally {
            ended.countDown();
        }
    }

    /**
     * Waits up to {@code millis} for the loop to end after {@link #stop}; false if it has not. The
     * resource adapter shuts libsrt down after this, so no thread is inside libsrt by then.
     */
    boolean awaitEnd(long millis) throws InterruptedException {
        return ended.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Ends the loop (within 100 ms) and closes every publisher, held ones included. */
    void stop(String reason) {
        running = false;
        closeIf(p -> true, reason);
        held.keySet().forEach(socket -> {
            if (held.remove(socket) != null) {
                SrtNative.close(socket);
            }
        });
    }

    Collection<SrtPublisher> publishers() {
        return publishers.values();
    }

    /** Closes the publishers that match {@code which}, on the calling thread. */
    void closeIf(Predicate<SrtPublisher> which, String reason) {
        publishers.values().forEach(p -> {
            if (which.test(p)) {
                close(p, reason);
            }
        });
    }

    /**
     * Disconnects a publisher (the engine asks, e.g. for a restart) within the next wake-up (at
     * most 100 ms): closing it here never races with its demuxer.
     */
    void disconnectSoon(SrtPublisher p, String reason) {
        if (running) {
            tasks.offer(() -> close(p, reason));
        }
    }

    private void onReadable(int socket) {
        SrtListener listener = listeners.apply(socket);
        if (listener != null) {
            acceptOne(listener);
            return;
        }
        SrtPublisher p = publishers.get(socket);
        if (p != null) {
            try {
                if (!p.drain()) {
                    close(p, "connection closed");
                }
            } catch (RuntimeException e) { // a bug on one stream's input must not touch the others
                LOG.log(Level.SEVERE, "SRT " + p.describe() + ": input failed, disconnecting", e);
                close(p, "internal error: " + e);
            }
            return;
        }
        pump.broken(socket); // players are watched for errors only
    }

    /** One accept per wake-up: the listener stays readable while callers are queued. */
    private void acceptOne(SrtListener listener) {
        SrtAccepted c = SrtNative.accept(listener.socket);
        if (c == null) {
            return;
        }
        Accept a = admitted.remove(c.socket());
        String peer = c.peerHost() + ":" + c.peerPort();
        if (a == null) { // not through our callback: cannot happen, but never keep an unknown peer
            SrtNative.close(c.socket());
            return;
        }
        if (listener.range) {
            rangeAccepted.accept(listener.port);
        }
        if (a.mode() == SrtAdmission.Mode.PUBLISH && a.onPublish() != null) {
            hold(c.socket(), peer, listener.port, a);
        } else if (a.mode() == SrtAdmission.Mode.PUBLISH) {
            startPublisher(c.socket(), peer, listener.port, a.stream());
        } else {
            play(c.socket(), peer, listener.port, a);
        }
    }

    /**
     * Starts a player whose playback check let it in; one still waiting for the backend is held
     * as a publisher is for on_publish (out of the pump, sent nothing) until the verdict comes.
     */
    private void play(int socket, String peer, int port, Accept a) {
        CompletableFuture<PlayAuthorizer.Verdict> verdict;
        try {
            verdict = a.viewer() == null ? CompletableFuture.completedFuture(PlayAuthorizer.Verdict.OPEN)
                    : host.playAuthorizer().admit(a.viewer());
        } catch (RuntimeException e) {
            verdict = CompletableFuture.failedFuture(e);
        }
        held.put(socket, peer);
        verdict.orTimeout(PLAY_CHECK_TIMEOUT_MS, TimeUnit.MILLISECONDS).whenComplete((v, error) -> tasks.offer(() -> {
            PlayAuthorizer.Verdict decided = v != null ? v
                    : new PlayAuthorizer.Verdict(null, 503, "playback check failed: " + error);
            if (held.remove(socket) == null) {
                if (decided.allowed()) {
                    decided.grant().ended(0); // the server stopped meanwhile
                }
                return;
            }
            if (!decided.allowed()) {
                SrtNative.close(socket);
                rejects.refused(peer, port, new SrtAdmission.Reject(1000 + decided.status(),
                        SrtAdmission.playRefusal(decided, a.stream())), host);
            } else if (SrtNative.getSocketState(socket) != SrtSocketState.CONNECTED) {
                SrtNative.close(socket);
                decided.grant().ended(0);
            } else {
                pump.start(socket, peer, port, a.stream(), decided.grant());
            }
        }));
        if (verdict.isDone()) { // the usual case: run it now rather than on the next wake-up
            for (Runnable task; (task = tasks.poll()) != null; ) {
                task.run();
            }
        }
    }

    /** Keeps an accepted publisher out of its stream until its on_publish backend answers (see the class comment). */
    private void hold(int socket, String peer, int port, Accept a) {
        held.put(socket, peer);
        host.authorization().ask(a.onPublish()).whenComplete((refusal, error) -> tasks.offer(() -> {
            if (held.remove(socket) == null) {
                return; // closed meanwhile (the server stopped)
            }
            if (error != null || refusal != null) {
                SrtNative.close(socket);
                rejects.refused(peer, port, new SrtAdmission.Reject(1000 + (refusal == null ? 503 : refusal.status()),
                        refusal == null ? "on_publish failed: " + error : refusal.reason()), host);
            } else if (SrtNative.getSocketState(socket) != SrtSocketState.CONNECTED) {
                SrtNative.close(socket);
                LOG.info("SRT publisher " + peer + " of " + a.stream() + " left before its on_publish backend answered");
            } else {
                startPublisher(socket, peer, port, a.stream());
            }
        }));
    }

    private void startPublisher(int socket, String peer, int port, String name) {
        SrtNative.setOption(socket, SrtOption.RCVSYN, false);
        SrtPublisher p = new SrtPublisher(socket, peer, port, name, this::disconnectSoon);
        IngestSession session = host.openSession(name, p);
        if (session == null) { // lost a race with a config change or another publisher (one held for on_publish too)
            SrtNative.close(socket);
            rejects.refused(peer, port, new SrtAdmission.Reject(SrtAdmission.REJECT_CONFLICT,
                    "stream " + name + " already has a publisher or is gone"), host);
            return;
        }
        p.session = session;
        publishers.put(socket, p);
        try {
            SrtNative.epollAdd(epoll, socket, SrtNative.EPOLL_IN | SrtNative.EPOLL_ERR);
        } catch (RuntimeException e) {
            close(p, "internal error: " + e);
            throw e;
        }
    }

    /** Each publisher's latest counters, from any thread. */
    void addStats(List<SrtConnectionStats> out) {
        SrtConnection.addStats(publishers.values(), out);
    }

    /** Every half second, the sessions' check (errors, frames timeout), and libsrt's counters sampled. */
    private void checkPublishers() {
        for (SrtPublisher p : publishers.values()) {
            p.session.check();
            p.sampleStats();
        }
    }

    private void close(SrtPublisher p, String reason) {
        if (publishers.remove(p.socket) == null) {
            return;
        }
        try {
            SrtNative.epollRemove(epoll, p.socket);
        } catch (RuntimeException ignored) {
            // libsrt drops closed sockets from the set itself
        }
        p.session.close(reason); // reads libsrt's counters: the socket is closed after
        SrtNative.close(p.socket);
    }
}
