package org.openstreamer.connector.ingest.srt;

import org.openstreamer.connector.api.LiveTsReader;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.MediaEventType;
import org.openstreamer.connector.api.ServerSettings;
import org.openstreamer.connector.api.SrtRangeInfo;
import org.openstreamer.connector.api.StreamConfig;
import org.openstreamer.connector.buffer.LiveStream;
import org.openstreamer.connector.ingest.IngestSession;
import org.openstreamer.connector.ingest.Source;
import org.openstreamer.connector.ingest.srt.SrtAdmission.Accept;
import org.openstreamer.connector.ingest.srt.SrtAdmission.Decision;
import org.openstreamer.connector.ingest.srt.SrtAdmission.Reject;
import org.openstreamer.connector.ingest.srt.jni.SrtAccepted;
import org.openstreamer.connector.ingest.srt.jni.SrtNative;
import org.openstreamer.connector.ingest.srt.jni.SrtOption;
import org.openstreamer.connector.ingest.srt.jni.UdpPortWatch;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The SRT side of the engine: binds the ports the configuration asks for, admits callers in
 * libsrt's listen callback (passphrase per connection, from memory only), and moves media with two
 * threads whatever the number of connections: a reactor that accepts and reads every socket
 * through one epoll set, and a pump that sends to players.
 */
public final class SrtServer {

    private static final Logger LOG = Logger.getLogger(SrtServer.class.getName());
    private static final int BACKLOG = 64;
    /**
     * Each bound port costs libsrt a UDP socket and its own threads, so the number of configured
     * listeners is capped; ports of ranges are bound on demand (SrtRangeWatcher), capped apart.
     */
    static final int MAX_LISTENERS = Integer.getInteger("openstreamer.srt.max-listeners", 256);

    /** What the server needs from the engine. */
    public interface Host {
        StreamConfig config(String stream);

        boolean isLive(String stream);

        boolean hasPublisher(String stream);

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
    private final Map<Integer, Accept> admitted = new ConcurrentHashMap<>();
    private final Map<Integer, SrtPublisher> publishers = new ConcurrentHashMap<>();
    private final Map<Integer, SrtPlayer> players = new ConcurrentHashMap<>();
    private final BlockingQueue<SrtPlayer> toPump = new LinkedBlockingQueue<>();
    private final SrtRejectLog rejects = new SrtRejectLog();
    private final SrtAdmission.State admissionState;
    private final BlockingQueue<Runnable> configChanges = new LinkedBlockingQueue<>();
    private SrtRangeWatcher ranges;
    /** Work that must run on the reactor thread, the only one feeding publishers. */
    private final java.util.Queue<Runnable> reactorTasks = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile boolean running;
    private int epoll = -1;
    private int unboundReported;

    public SrtServer(Host host) {
        this.host = host;
        this.admissionState = new SrtAdmission.State() {
            @Override
            public StreamConfig config(String stream) {
                return host.config(stream);
            }

            @Override
            public boolean hasPublisher(String stream) {
                return host.hasPublisher(stream);
            }

            @Override
            public boolean isLive(String stream) {
                return host.isLive(stream);
            }
        };
    }

    /** Loads libsrt and starts the two threads; false (and SRT stays off) if libsrt is missing. */
    public boolean start(Threads threads, java.util.concurrent.Executor background) {
        try {
            SrtNative.load();
            SrtNative.setRejectListener(r -> rejects.handshakeRejected(r, host), background);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.SEVERE, "SRT is unavailable (is libsrt1.5-openssl installed?): " + e.getMessage());
            return false;
        }
        ranges = new SrtRangeWatcher(new RangeListeners(), new SrtPortResolver(background,
                Duration.ofMillis(Long.getLong("openstreamer.srt.resolve-timeout-ms", 2000)),
                ServerAddress.forBackend(), Integer.getInteger("openstreamer.srt.max-resolves-in-flight", 64)),
                SrtRangeWatcher.Limits.fromSystemProperties());
        epoll = SrtNative.epollCreate();
        SrtNative.epollSetFlags(epoll, SrtNative.EPOLL_ENABLE_EMPTY);
        running = true;
        threads.start("srt-reactor", this::reactorLoop);
        threads.start("srt-player-pump", this::pumpLoop);
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
            if (existing != null) {
                existing.role = e.getValue();
            } else if (listenersByPort.size() - rangeListeners() < MAX_LISTENERS) {
                listen(e.getKey(), e.getValue(), -1);
            } else {
                unbound++;
            }
        }
        java.util.Set<String> names = new java.util.HashSet<>();
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
        publishers.values().forEach(p -> {
            StreamConfig c = host.config(p.stream);
            if (c == null || c.disabled() || !c.publishEnabled()) {
                closePublisher(p, "stream removed or no longer publishable");
            }
        });
        players.values().forEach(p -> {
            StreamConfig c = host.config(p.stream);
            if (c == null || c.disabled()) {
                closePlayer(p, "stream removed");
            }
        });
    }

    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        if (ranges != null) {
            ranges.stop();
        }
        publishers.values().forEach(p -> closePublisher(p, "server stopping"));
        players.values().forEach(p -> closePlayer(p, "server stopping"));
        listenersByPort.values().forEach(this::unbind);
        // libsrt's log handler is process-wide: give it up now, so that this deployment's native
        // code, unloaded later, cannot clear the handler a redeployment has installed meanwhile.
        SrtNative.setRejectListener(null, null);
    }

    /** Ports bound right now, for monitoring and tests. */
    public java.util.Set<Integer> boundPorts() {
        return java.util.Set.copyOf(listenersByPort.keySet());
    }

    /** Ports of the ranges watched for callers, the ports handed to streams, and how long admission took. */
    public SrtRangeInfo rangeInfo() {
        SrtRangeWatcher r = ranges;
        return r == null ? SrtRangeInfo.NONE : new SrtRangeInfo(r.watching(), r.bindings(), r.admissionDelays().stats());
    }

    private int rangeListeners() {
        int n = 0;
        for (SrtListener l : listenersByPort.values()) {
            n += l.range ? 1 : 0;
        }
        return n;
    }

    /**
     * Disconnects a publisher (the engine asks, e.g. for a restart) within the reactor's next
     * wake-up (at most 100 ms): closing it there never races with its demuxer.
     */
    private void disconnectSoon(SrtPublisher p, String reason) {
        if (running) {
            reactorTasks.offer(() -> closePublisher(p, reason));
        }
    }

    // ---------------------------------------------------------------- listeners

    /**
     * Listens on {@code port}: binds it, or with {@code udpFd} >= 0 takes over that UDP socket
     * (a range port the watcher hands over). False if it failed (logged).
     */
    private boolean listen(int port, SrtPortRole role, int udpFd) {
        int socket = -1;
        boolean handedOver = false;
        try {
            socket = SrtNative.createSocket();
            SrtNative.setOption(socket, SrtOption.TRANSTYPE, SrtOption.TRANSTYPE_LIVE);
            SrtNative.setOption(socket, SrtOption.RCVSYN, false); // accept from the reactor, never blocking
            SrtNative.setOption(socket, SrtOption.ENFORCEDENCRYPTION, true);
            if (udpFd >= 0) {
                handedOver = true; // from here on libsrt may own (and close) the UDP socket
                SrtNative.bindAcquire(socket, udpFd);
            } else {
                SrtNative.bind(socket, "0.0.0.0", port);
            }
            SrtListener listener = new SrtListener(socket, port, role, udpFd >= 0);
            SrtNative.setListenCallback(socket, (ls, ns, hs, peerHost, peerPort, streamId) ->
                    admit(listener, ns, peerHost, peerPort, streamId));
            listenersBySocket.put(socket, listener);
            // libsrt 1.5 reports callers queued before the listener joined the epoll set to nobody.
            SrtNative.epollAdd(epoll, socket, SrtNative.EPOLL_IN | SrtNative.EPOLL_ERR);
            SrtNative.listen(socket, BACKLOG);
            listenersByPort.put(port, listener);
            if (role.kind() != SrtPortRole.Kind.RANGE_REFUSED) {
                LOG.info("SRT listening on port " + port + " (" + role.describe() + ")");
            }
            return true;
        } catch (RuntimeException e) {
            if (socket >= 0) {
                listenersBySocket.remove(socket);
                SrtNative.close(socket);
            }
            if (udpFd >= 0 && !handedOver) {
                UdpPortWatch.close(udpFd);
            }
            LOG.severe("cannot listen on SRT port " + port + " (" + role.describe() + "): " + e.getMessage());
            return false;
        }
    }

    private void unbind(SrtListener l) {
        listenersByPort.remove(l.port, l);
        listenersBySocket.remove(l.socket);
        try {
            SrtNative.epollRemove(epoll, l.socket);
        } catch (RuntimeException ignored) {
            // already gone from the set
        }
        SrtNative.close(l.socket);
        if (l.role.kind() != SrtPortRole.Kind.RANGE_REFUSED) {
            LOG.info("SRT port " + l.port + " closed");
        }
    }

    /** libsrt's listen callback: decide from memory, set the passphrase, never block. */
    private int admit(SrtListener listener, int socket, String peerHost, int peerPort, String rawStreamId) {
        SrtPortRole role = listener.role;
        SrtStreamId id = SrtStreamId.parse(rawStreamId);
        Decision decision;
        if (!id.isValid()) {
            decision = new Reject(SrtAdmission.REJECT_BAD_REQUEST, "bad streamid: " + id.errorDetail());
        } else {
            String mode = switch (id.mode()) {
                case PUBLISH -> "publish";
                case REQUEST -> "request";
                case UNSPECIFIED -> null;
            };
            decision = SrtAdmission.decide(role, id.name(), mode, admissionState);
        }
        if (decision instanceof Reject r) {
            if (role.kind() != SrtPortRole.Kind.RANGE_REFUSED) { // the range watcher reported those already
                rejects.refused(peerHost + ":" + peerPort, listener.port, r, host);
            }
            return r.code();
        }
        Accept a = (Accept) decision;
        if (a.passphrase() != null) {
            SrtNative.setPassphrase(socket, a.passphrase());
        }
        SrtNative.setLatency(socket, a.latencyMs());
        admitted.put(socket, a);
        return 0;
    }

    // ---------------------------------------------------------------- reactor

    private void reactorLoop() {
        int[] readable = new int[SrtNative.MAX_EPOLL_SOCKETS];
        int[] writable = new int[SrtNative.MAX_EPOLL_SOCKETS];
        int[] counts = new int[2];
        long nextCheck = System.nanoTime() + IngestSession.CHECK_EVERY_NANOS;
        while (running) {
            try {
                int n = SrtNative.epollWait(epoll, readable, writable, counts, 100);
                for (Runnable task; (task = reactorTasks.poll()) != null; ) {
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
        SrtNative.epollRelease(epoll);
    }

    private void onReadable(int socket) {
        SrtListener listener = listenersBySocket.get(socket);
        if (listener != null) {
            acceptOne(listener);
            return;
        }
        SrtPublisher p = publishers.get(socket);
        if (p != null) {
            try {
                if (!p.drain()) {
                    closePublisher(p, "connection closed");
                }
            } catch (RuntimeException e) { // a bug on one stream's input must not touch the others
                LOG.log(Level.SEVERE, "SRT " + p.describe() + ": input failed, disconnecting", e);
                closePublisher(p, "internal error: " + e);
            }
            return;
        }
        SrtPlayer player = players.get(socket);
        if (player != null) { // players are watched for errors only
            closePlayer(player, "connection closed");
        }
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
        } else if (a.mode() == SrtAdmission.Mode.PUBLISH) {
            if (listener.range) {
                ranges.accepted(listener.port);
            }
            startPublisher(c.socket(), peer, listener.port, a.stream());
        } else {
            if (listener.range) {
                ranges.accepted(listener.port);
            }
            startPlayer(c.socket(), peer, listener.port, a.stream());
        }
    }

    private void startPublisher(int socket, String peer, int port, String name) {
        SrtNative.setOption(socket, SrtOption.RCVSYN, false);
        SrtPublisher p = new SrtPublisher(socket, peer, port, name, this::disconnectSoon);
        IngestSession session = host.openSession(name, p);
        if (session == null) { // lost a race with a config change or another publisher
            SrtNative.close(socket);
            LOG.warning("SRT publisher " + peer + " on port " + port + " dropped: stream " + name + " is busy or gone");
            return;
        }
        p.session = session;
        publishers.put(socket, p);
        try {
            SrtNative.epollAdd(epoll, socket, SrtNative.EPOLL_IN | SrtNative.EPOLL_ERR);
        } catch (RuntimeException e) {
            closePublisher(p, "internal error: " + e);
            throw e;
        }
    }

    private void startPlayer(int socket, String peer, int port, String name) {
        LiveStream stream = host.liveStream(name);
        LiveTsReader reader = stream == null ? null : stream.openReader();
        if (reader == null) {
            SrtNative.close(socket);
            return;
        }
        SrtNative.setOption(socket, SrtOption.SNDSYN, false);
        SrtPlayer p = new SrtPlayer(socket, peer, port, name, reader);
        players.put(socket, p);
        SrtNative.epollAdd(epoll, socket, SrtNative.EPOLL_ERR);
        reader.onAvailable(() -> schedule(p));
        schedule(p);
        host.publish(MediaEvent.of(MediaEventType.PLAY_STARTED, name,
                Map.of("protocol", "srt", "peer", peer, "port", Integer.toString(port))));
    }

    /** Every half second, the sessions' check (errors, frames timeout), and libsrt's counters sampled. */
    private void checkPublishers() {
        for (SrtPublisher p : publishers.values()) {
            p.session.check();
            p.sampleStats();
        }
    }

    private void closePublisher(SrtPublisher p, String reason) {
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

    // ---------------------------------------------------------------- players

    private void schedule(SrtPlayer p) {
        if (!p.closed && p.queued.compareAndSet(false, true)) {
            toPump.offer(p);
        }
    }

    private void pumpLoop() {
        while (running) {
            try {
                SrtPlayer p = toPump.poll(200, TimeUnit.MILLISECONDS);
                if (p == null) {
                    continue;
                }
                p.queued.set(false);
                if (!p.closed && !p.pump()) {
                    closePlayer(p, "too slow for live, or gone");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "SRT player pump: " + e.getMessage(), e);
            }
        }
    }

    private void closePlayer(SrtPlayer p, String reason) {
        if (players.remove(p.socket) == null) {
            return;
        }
        p.closed = true;
        p.reader.close();
        try {
            SrtNative.epollRemove(epoll, p.socket);
        } catch (RuntimeException ignored) {
            // already gone
        }
        SrtNative.close(p.socket);
        host.publish(MediaEvent.of(MediaEventType.PLAY_STOPPED, p.stream,
                Map.of("protocol", "srt", "peer", p.peer, "reason", reason)));
    }

    /** One bound port; its role may change under it (the next caller sees the new one). */
    static final class SrtListener {
        final int socket;
        final int port;
        /** A port of a range, handed over by the watcher, which also takes it back. */
        final boolean range;
        volatile SrtPortRole role;

        SrtListener(int socket, int port, SrtPortRole role, boolean range) {
            this.socket = socket;
            this.port = port;
            this.role = role;
            this.range = range;
        }
    }

    /** The watcher's view of this server: range ports become listeners and back. */
    private final class RangeListeners implements SrtRangeWatcher.Listeners {

        @Override
        public boolean acquire(int port, int udpFd, SrtPortRole role) {
            synchronized (SrtServer.this) {
                if (!running || listenersByPort.containsKey(port)) {
                    UdpPortWatch.close(udpFd);
                    return false;
                }
                return listen(port, role, udpFd);
            }
        }

        @Override
        public void release(int port) {
            synchronized (SrtServer.this) {
                SrtListener l = listenersByPort.get(port);
                if (l == null || !l.range) {
                    return;
                }
                publishers.values().forEach(p -> {
                    if (p.port == port) {
                        closePublisher(p, "port " + port + " released");
                    }
                });
                players.values().forEach(p -> {
                    if (p.port == port) {
                        closePlayer(p, "port " + port + " released");
                    }
                });
                unbind(l);
            }
        }

        @Override
        public boolean active(int port) {
            for (SrtPublisher p : publishers.values()) {
                if (p.port == port) {
                    return true;
                }
            }
            for (SrtPlayer p : players.values()) {
                if (p.port == port) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean known(String stream) {
            StreamConfig c = host.config(stream);
            return c != null && !c.disabled();
        }

        @Override
        public void refused(String peer, int port, Reject reject) {
            rejects.refused(peer, port, reject, host);
        }
    }
}
