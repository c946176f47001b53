package org.openstreamer.connector.ingest.srt;

import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.ServerSettings;
import org.openstreamer.connector.api.SrtConnectionStats;
import org.openstreamer.connector.api.SrtRangeInfo;
import org.openstreamer.connector.api.StreamConfig;
import org.openstreamer.connector.buffer.LiveStream;
import org.openstreamer.connector.ingest.IngestSession;
import org.openstreamer.connector.ingest.Source;
import org.openstreamer.connector.ingest.srt.SrtAdmission.Accept;
import org.openstreamer.connector.ingest.srt.jni.SrtNative;
import org.openstreamer.connector.ingest.srt.jni.UdpPortWatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The SRT side of the engine: owns the bound ports and applies the configuration to them (thread
 * {@code srt-config}), and starts and stops the parts that do the work, a file each:
 * {@link SrtListener} (one bound port and its admission callback), {@link SrtReactor} (accepts
 * and feeds publishers, thread {@code srt-reactor}), {@link SrtPlayerPump} (sends to players,
 * thread {@code srt-player-pump}) and {@link SrtRangeWatcher} (ports of ranges, thread
 * {@code srt-port-ranges}). Two threads move media whatever the number of connections.
 */
public final class SrtServer {

    private static final Logger LOG = Logger.getLogger(SrtServer.class.getName());
    /**
     * Each bound port costs libsrt a UDP socket and its own threads, so the number of configured
     * listeners is capped; ports of ranges are bound on demand (SrtRangeWatcher), capped apart.
     */
    static final int MAX_LISTENERS = Integer.getInteger("openstreamer.srt.max-listeners", 256);

    /** What the server needs from the engine (admission's questions included). */
    public interface Host extends SrtAdmission.State {
        /** The stream's live hub, created if needed; null if the stream is not configured. */
        LiveStream liveStream(String name);

        /** Admits a publisher: its session, or null if the stream is gone or has a publisher. */
        IngestSession openSession(String stream, Source source);

        void publish(MediaEvent event);
    }

    /** Starts a long-running thread (the resource adapter's WorkManager). */
    public interface Threads {
        void start(String name, Runnable task);
    }

    private final Host host;
    private final Map<Integer, SrtListener> listenersByPort = new ConcurrentHashMap<>();
    private final Map<Integer, SrtListener> listenersBySocket = new ConcurrentHashMap<>();
    /** Callers the listen callback let through, until the reactor accepts them. */
    private final Map<Integer, Accept> admitted = new ConcurrentHashMap<>();
    private final SrtRejectLog rejects = new SrtRejectLog();
    private final SrtListener.Gate gate;
    private final BlockingQueue<Runnable> configChanges = new LinkedBlockingQueue<>();
    private SrtRangeWatcher ranges;
    private volatile SrtReactor reactor;
    private volatile SrtPlayerPump pump;
    private volatile boolean running;
    private int epoll = -1;
    private int unboundReported;

    public SrtServer(Host host) {
        this.host = host;
        this.gate = new SrtListener.Gate(host, rejects, admitted);
    }

    /** Loads libsrt and starts the threads; false (and SRT stays off) if libsrt is missing. */
    public boolean start(Threads threads, Executor background) {
        try {
            SrtNative.load();
            SrtNative.setRejectListener(r -> rejects.handshakeRejected(r, host), background);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.SEVERE, "SRT is unavailable (is libsrt1.5-openssl installed?): " + e.getMessage());
            return false;
        }
        epoll = SrtNative.epollCreate();
        SrtNative.epollSetFlags(epoll, SrtNative.EPOLL_ENABLE_EMPTY);
        pump = new SrtPlayerPump(host, epoll);
        reactor = new SrtReactor(host, epoll, listenersBySocket::get, admitted, port -> ranges.accepted(port), pump, rejects);
        ranges = new SrtRangeWatcher(new SrtRangeListeners(this, host, rejects, reactor, pump), new SrtPortResolver(
                background, Duration.ofMillis(Long.getLong("openstreamer.srt.resolve-timeout-ms", 2000)),
                ServerAddress.forBackend(), Integer.getInteger("openstreamer.srt.max-resolves-in-flight", 64)),
                SrtRangeWatcher.Limits.fromSystemProperties());
        running = true;
        threads.start("srt-reactor", reactor);
        threads.start("srt-player-pump", pump);
        threads.start("srt-config", this::configLoop);
        threads.start("srt-port-ranges", ranges::run);
        return true;
    }

    public boolean isRunning() {
        return running;
    }

    /**
     * Brings the bound ports in line with the configuration, on the srt-config thread so that the
     * caller (an API request) never waits on libsrt: new ports are bound, gone ones closed, kept
     * ones take their new role for the next caller. Connections of streams that are gone or
     * disabled are closed.
     */
    public void apply(Collection<StreamConfig> streams, ServerSettings settings) {
        if (running) {
            List<StreamConfig> snapshot = List.copyOf(streams);
            configChanges.offer(() -> applyNow(snapshot, settings));
        }
    }

    private void configLoop() {
        while (running) {
            try {
                Runnable change = configChanges.poll(200, TimeUnit.MILLISECONDS);
                // Only the newest configuration matters: skip the ones it replaces.
                Runnable newer;
                while ((newer = configChanges.poll()) != null) {
                    change = newer;
                }
                if (change != null) {
                    change.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "SRT configuration: " + e.getMessage(), e);
            }
        }
    }

    private synchronized void applyNow(Collection<StreamConfig> streams, ServerSettings settings) {
        if (!running) {
            return;
        }
        Map<Integer, SrtPortRole> plan = SrtPortPlan.of(streams, settings);
        for (SrtListener l : listenersByPort.values()) {
            if (l.range ? plan.containsKey(l.port) : !plan.containsKey(l.port)) {
                unbind(l); // a range port a stream now claims for itself is rebound below
            }
        }
        int unbound = 0;
        for (Map.Entry<Integer, SrtPortRole> e : plan.entrySet()) {
            SrtListener existing = listenersByPort.get(e.getKey());
            if (existing != null && !sameAddress(existing.role, e.getValue())) {
                unbind(existing); // bound elsewhere now: rebound below
                existing = null;
            }
            if (existing != null) {
                existing.role = e.getValue();
            } else if (listenersByPort.size() - rangeListeners() < MAX_LISTENERS) {
                listen(e.getKey(), e.getValue(), -1);
            } else {
                unbound++;
            }
        }
        Set<String> names = new HashSet<>();
        streams.forEach(s -> names.add(s.name()));
        ranges.apply(settings.srtRanges(), plan.keySet(), settings.configExternal(), names);
        if (unbound != unboundReported) {
            unboundReported = unbound;
            if (unbound > 0) {
                LOG.severe(unbound + " configured SRT ports are not listened on: at most " + MAX_LISTENERS
                        + " (system property openstreamer.srt.max-listeners)");
            }
        }
        // Ask the host rather than the list: streams made from a publish location are in no list.
        reactor.closeIf(p -> {
            StreamConfig c = host.config(p.stream);
            return c == null || c.disabled() || !c.publishEnabled();
        }, "stream removed or no longer publishable");
        pump.closeIf(p -> {
            StreamConfig c = host.config(p.stream);
            return c == null || c.disabled();
        }, "stream removed");
    }

    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        if (ranges != null) {
            ranges.stop();
        }
        reactor.stop("server stopping");
        pump.stop("server stopping");
        try {
            if (!reactor.awaitEnd(1000)) {
                LOG.warning("SRT reactor still running 1 s after stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        listenersByPort.values().forEach(this::unbind);
        // libsrt's log handler is process-wide: give it up now, so that this deployment's native
        // code, unloaded later, cannot clear the handler a redeployment has installed meanwhile.
        SrtNative.setRejectListener(null, null);
    }

    /** Ports bound right now, for monitoring and tests. */
    public Set<Integer> boundPorts() {
        return Set.copyOf(listenersByPort.keySet());
    }

    /** libsrt's counters of every open connection: publishers first, then players. */
    public List<SrtConnectionStats> connectionStats() {
        List<SrtConnectionStats> out = new ArrayList<>();
        SrtReactor r = reactor;
        SrtPlayerPump p = pump;
        if (r != null) {
            r.addStats(out);
        }
        if (p != null) {
            p.addStats(out);
        }
        return out;
    }

    /** Ports of the ranges watched for callers, the ports handed to streams, and how long admission took. */
    public SrtRangeInfo rangeInfo() {
        SrtRangeWatcher r = ranges;
        return r == null ? SrtRangeInfo.NONE : new SrtRangeInfo(r.watching(), r.bindings(), r.admissionDelays().stats());
    }

    private static boolean sameAddress(SrtPortRole a, SrtPortRole b) {
        return Objects.equals(a.endpoint().bindAddress(), b.endpoint().bindAddress());
    }

    private int rangeListeners() {
        int n = 0;
        for (SrtListener l : listenersByPort.values()) {
            n += l.range ? 1 : 0;
        }
        return n;
    }

    /**
     * Listens on {@code port}: binds it, or with {@code udpFd} >= 0 takes over that UDP socket
     * (a range port the watcher hands over). False if it failed (logged).
     */
    private boolean listen(int port, SrtPortRole role, int udpFd) {
        SrtListener l = SrtListener.bind(port, role, udpFd, gate);
        if (l == null) {
            return false;
        }
        listenersBySocket.put(l.socket, l); // before it listens: the reactor must know it at once
        if (!l.listen(epoll)) {
            listenersBySocket.remove(l.socket);
            return false;
        }
        listenersByPort.put(port, l);
        return true;
    }

    private void unbind(SrtListener l) {
        listenersByPort.remove(l.port, l);
        listenersBySocket.remove(l.socket);
        l.close(epoll);
    }

    // ---------------------------------------------------------------- for SrtRangeListeners

    /** A range port the watcher hands over becomes a listener; false (UDP socket closed) if not. */
    synchronized boolean acquireRangePort(int port, int udpFd, SrtPortRole role) {
        if (!running || listenersByPort.containsKey(port)) {
            UdpPortWatch.close(udpFd);
            return false;
        }
        return listen(port, role, udpFd);
    }

    /** The watcher takes a range port back: its connections are closed, then the port. */
    synchronized void releaseRangePort(int port) {
        SrtListener l = listenersByPort.get(port);
        if (l == null || !l.range) {
            return;
        }
        reactor.closeIf(p -> p.port == port, "port " + port + " released");
        pump.closeIf(p -> p.port == port, "port " + port + " released");
        unbind(l);
    }
}
