package org.openstreamer.connector.ingest.srt;

import org.openstreamer.connector.api.SrtBinding;
import org.openstreamer.connector.api.SrtPortRange;
import org.openstreamer.connector.buffer.DelayRecorder;
import org.openstreamer.connector.ingest.srt.SrtPortResolver.Outcome;
import org.openstreamer.connector.ingest.srt.SrtPortResolver.Refused;
import org.openstreamer.connector.ingest.srt.SrtPortResolver.Resolved;
import org.openstreamer.connector.ingest.srt.jni.UdpPortWatch;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The SRT port ranges of the server config, served lazily. libsrt runs threads for every UDP port
 * it binds, so a range of 10,000 ports is not given to libsrt up front: each port is a plain UDP
 * socket in one epoll set. When a caller's first handshake packet arrives, the port leaves the
 * set (the packet stays queued), the configuration backend is asked which stream the port is for,
 * and the socket is handed to libsrt as that stream's listener, which then answers the queued
 * handshake. A port the backend refuses is given, for a short time, to a listener that refuses
 * callers with the reason; a resolved port whose stream has been idle for a while goes back to
 * the epoll set. Everything here runs on one thread; other threads post tasks.
 */
final class SrtRangeWatcher {

    private static final Logger LOG = Logger.getLogger(SrtRangeWatcher.class.getName());
    private static final long HOUSEKEEPING_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long REBIND_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** What the watcher needs from the SRT server: libsrt listeners on ports it hands over. */
    interface Listeners {
        /**
         * Listens on {@code udpFd} (already bound to {@code port}) with {@code role}, which owns the
         * socket from then on, even when it fails (false).
         */
        boolean acquire(int port, int udpFd, SrtPortRole role);

        /** Closes the libsrt listener of {@code port} and the connections made through it. */
        void release(int port);

        /** Whether a publisher or player is connected through {@code port}. */
        boolean active(int port);

        /** Whether {@code stream} is configured (locally or by the backend). */
        boolean known(String stream);

        void refused(String peer, int port, SrtAdmission.Reject reject);
    }

    /** Tunables, from system properties (see docs/srt-config-backend.md). */
    record Limits(long negativeTtlMillis, long idleReleaseMillis, int maxRangeListeners, int maxRefusingListeners) {

        static Limits fromSystemProperties() {
            return new Limits(Long.getLong("openstreamer.srt.resolve-negative-ttl-ms", 5000),
                    TimeUnit.SECONDS.toMillis(Long.getLong("openstreamer.srt.range-idle-release-s", 60)),
                    Integer.getInteger("openstreamer.srt.max-range-listeners", 1000),
                    Integer.getInteger("openstreamer.srt.max-refusing-listeners", 32));
        }
    }

    private enum State { WATCHING, RESOLVING, BOUND, REFUSING, UNBOUND }

    /** One port of a range. Only the watcher thread touches it. */
    private static final class Port {
        final int port;
        final boolean publish;
        /** The range's own bind address, or null for the server's. */
        final String address;
        State state = State.UNBOUND;
        int fd = -1;
        String stream;
        String peer;
        long stateSince;
        long lastActive;
        long retryAt;
        String bindError;

        Port(int port, SrtPortRange range) {
            this.port = port;
            this.publish = range.publish();
            this.address = range.bindAddress();
        }
    }

    private record Negative(SrtAdmission.Reject reject, long until) {
    }

    private final Listeners listeners;
    private final SrtPortResolver resolver;
    private final Limits limits;
    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Map<Integer, Port> ports = new HashMap<>();
    private final Map<Integer, String> resolved = new HashMap<>();
    private final Map<Integer, Negative> refused = new HashMap<>();
    /** First handshake packet of a port being handed over, read by the reactor on accept. */
    private final Map<Integer, Long> firstPacketNanos = new ConcurrentHashMap<>();
    private final DelayRecorder admissionDelays = new DelayRecorder();
    private volatile List<SrtBinding> bindings = List.of();
    private volatile int watching;
    private String base;
    private String lastSummary = describe(List.of()) + " null";
    private Set<String> streamNames = Set.of();
    private int epoll = -1;
    private int rangeListeners;
    private int refusingListeners;
    private volatile boolean running;

    SrtRangeWatcher(Listeners listeners, SrtPortResolver resolver, Limits limits) {
        this.listeners = listeners;
        this.resolver = resolver;
        this.limits = limits;
    }

    /** Runs the watcher on the calling thread until {@link #stop()}. */
    void run() {
        epoll = UdpPortWatch.create();
        if (epoll < 0) {
            LOG.severe("SRT port ranges are unavailable: epoll_create failed: " + UdpPortWatch.errorText(epoll));
            return;
        }
        running = true;
        long[] ready = new long[256];
        long nextHousekeeping = System.nanoTime() + HOUSEKEEPING_NANOS;
        try {
            while (running) {
                try {
                    Runnable task;
                    while ((task = tasks.poll()) != null) {
                        task.run();
                    }
                    int n = UdpPortWatch.await(epoll, ready, 100);
                    for (int i = 0; i < n; i++) {
                        onPacket(UdpPortWatch.fd(ready[i]), UdpPortWatch.port(ready[i]));
                    }
                    if (System.nanoTime() - nextHousekeeping >= 0) {
                        nextHousekeeping = System.nanoTime() + HOUSEKEEPING_NANOS;
                        housekeeping();
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "SRT port ranges: " + e.getMessage(), e);
                }
            }
        } finally {
            new ArrayList<>(ports.values()).forEach(this::close);
            ports.clear();
            UdpPortWatch.close(epoll);
        }
    }

    void stop() {
        running = false;
    }

    /**
     * The ranges to serve (minus {@code taken}, ports other listeners own), the backend to ask and
     * the configured stream names: a change of the names forgets the resolved ports, a change of
     * backend forgets every answer.
     */
    void apply(List<SrtPortRange> ranges, Set<Integer> taken, String backend, Set<String> names) {
        tasks.offer(() -> applyNow(ranges, taken, backend, names));
    }

    DelayRecorder admissionDelays() {
        return admissionDelays;
    }

    /** The ports handed to streams, with whether a connection uses each right now. */
    List<SrtBinding> bindings() {
        return bindings.stream().map(b -> new SrtBinding(b.port(), b.stream(), b.mode(), listeners.active(b.port()))).toList();
    }

    int watching() {
        return watching;
    }

    /** Called by the reactor when a connection was accepted on {@code port}. */
    void accepted(int port) {
        Long first = firstPacketNanos.remove(port);
        if (first != null) {
            admissionDelays.record(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - first));
        }
    }

    // ---------------------------------------------------------------- configuration

    private void applyNow(List<SrtPortRange> ranges, Set<Integer> taken, String backend, Set<String> names) {
        if (!Objects.equals(backend, base)) {
            resolved.clear();
            refused.clear();
            base = backend;
        } else if (!names.equals(streamNames)) {
            resolved.clear(); // a port may now belong to another stream: ask again on next use
        }
        streamNames = Set.copyOf(names);
        Map<Integer, SrtPortRange> wanted = new HashMap<>();
        for (SrtPortRange r : ranges) {
            for (int p = r.first(); p <= r.last(); p++) {
                if (!taken.contains(p)) {
                    wanted.putIfAbsent(p, r);
                }
            }
        }
        for (Iterator<Port> it = ports.values().iterator(); it.hasNext(); ) {
            Port p = it.next();
            SrtPortRange r = wanted.get(p.port);
            if (r == null || r.publish() != p.publish || !Objects.equals(r.bindAddress(), p.address)) {
                close(p);
                it.remove();
            }
        }
        int failed = 0;
        String firstError = null;
        for (Map.Entry<Integer, SrtPortRange> e : wanted.entrySet()) {
            if (!ports.containsKey(e.getKey())) {
                Port p = new Port(e.getKey(), e.getValue());
                ports.put(p.port, p);
                if (!watch(p)) {
                    failed++;
                    firstError = firstError == null ? "port " + p.port + ": " + p.bindError : firstError;
                }
            }
        }
        countWatching();
        String summary = describe(ranges) + " " + base;
        if (failed > 0 || !summary.equals(lastSummary)) {
            lastSummary = summary;
            LOG.info("SRT port ranges " + describe(ranges) + ": watching " + watching + " ports for callers"
                    + (base == null ? " (no config_external: callers are refused)" : ", resolved through " + base)
                    + (failed > 0 ? "; " + failed + " ports could not be opened, retried every 10 s (" + firstError + ")" : ""));
        }
        publishBindings();
    }

    // ---------------------------------------------------------------- callers

    private void onPacket(int fd, int portNumber) {
        Port p = ports.get(portNumber);
        if (p == null || p.fd != fd || p.state != State.WATCHING) {
            UdpPortWatch.remove(epoll, fd); // stale event of a socket already handed over or closed
            return;
        }
        long now = System.nanoTime();
        p.peer = UdpPortWatch.peekSender(fd);
        Negative negative = refused.get(p.port);
        if (negative != null && negative.until - now > 0) {
            refuse(p, negative.reject);
            return;
        }
        UdpPortWatch.remove(epoll, fd); // the handshake stays queued for libsrt
        firstPacketNanos.put(p.port, now);
        String stream = resolved.get(p.port);
        if (stream != null) {
            handOver(p, stream);
        } else if (base == null) {
            refuse(p, new SrtAdmission.Reject(SrtAdmission.REJECT_NOT_FOUND,
                    "no stream for port " + p.port + ": the server has no config_external to ask"));
        } else {
            p.state = State.RESOLVING;
            p.stateSince = now;
            String asked = base;
            resolver.resolve(asked, p.port, p.publish, outcome -> tasks.offer(() -> onResolved(p, asked, outcome)));
        }
    }

    private void onResolved(Port p, String asked, Outcome outcome) {
        if (ports.get(p.port) != p || p.state != State.RESOLVING || !asked.equals(base)) {
            if (ports.get(p.port) == p && p.state == State.RESOLVING) {
                rewatch(p); // the backend changed meanwhile: ask the new one on the next packet
            }
            return;
        }
        if (outcome instanceof Resolved r) {
            if (listeners.known(r.stream())) {
                resolved.put(p.port, r.stream());
                handOver(p, r.stream());
            } else {
                remember(p, new SrtAdmission.Reject(SrtAdmission.REJECT_NOT_FOUND, "the configuration backend gives port "
                        + p.port + " to stream " + r.stream() + ", which is not configured"), true);
            }
        } else {
            Refused refusal = (Refused) outcome;
            remember(p, refusal.reject(), !refusal.backendFault());
        }
    }

    private void remember(Port p, SrtAdmission.Reject reject, boolean report) {
        refused.put(p.port, new Negative(reject, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.negativeTtlMillis())));
        firstPacketNanos.remove(p.port);
        if (report) { // a failing backend is reported once per failure window by the resolver
            listeners.refused(p.peer == null ? "unknown" : p.peer, p.port, reject);
        }
        refuse(p, reject);
    }

    /** Tells the caller why, through a short-lived refusing listener, or drops its packets if too many. */
    private void refuse(Port p, SrtAdmission.Reject reject) {
        if (refusingListeners < limits.maxRefusingListeners() && acquire(p, SrtPortRole.refusing(p.port, reject))) {
            p.state = State.REFUSING;
            refusingListeners++;
            return;
        }
        if (p.fd >= 0) {
            UdpPortWatch.drain(p.fd);
            if (p.state != State.WATCHING) {
                rewatch(p);
            }
        }
    }

    private void handOver(Port p, String stream) {
        if (rangeListeners >= limits.maxRangeListeners()) {
            remember(p, new SrtAdmission.Reject(SrtAdmission.REJECT_UNAVAILABLE, "too many active range ports (at most "
                    + limits.maxRangeListeners() + ", system property openstreamer.srt.max-range-listeners)"), true);
            return;
        }
        if (acquire(p, SrtPortRole.range(p.port, p.publish, stream))) {
            p.state = State.BOUND;
            p.stream = stream;
            p.lastActive = System.nanoTime();
            rangeListeners++;
            publishBindings();
        } else {
            firstPacketNanos.remove(p.port);
        }
    }

    /** Gives the socket to libsrt; on failure the port is closed and opened again later. */
    private boolean acquire(Port p, SrtPortRole role) {
        int fd = p.fd;
        UdpPortWatch.remove(epoll, fd);
        p.fd = -1;
        p.stateSince = System.nanoTime();
        if (listeners.acquire(p.port, fd, role)) {
            countWatching();
            return true;
        }
        p.state = State.UNBOUND;
        p.bindError = "libsrt could not take the port over";
        p.retryAt = System.nanoTime() + REBIND_NANOS;
        countWatching();
        return false;
    }

    // ---------------------------------------------------------------- upkeep

    private void housekeeping() {
        long now = System.nanoTime();
        refused.values().removeIf(n -> n.until - now <= 0);
        long idle = TimeUnit.MILLISECONDS.toNanos(limits.idleReleaseMillis());
        boolean changed = false;
        for (Port p : ports.values()) {
            switch (p.state) {
                case BOUND -> {
                    if (!listeners.known(p.stream)) {
                        resolved.remove(p.port);
                        giveBack(p);
                        changed = true;
                    } else if (listeners.active(p.port)) {
                        p.lastActive = now;
                    } else if (now - p.lastActive > idle) {
                        giveBack(p);
                        changed = true;
                    }
                }
                case REFUSING -> {
                    Negative n = refused.get(p.port);
                    if (n == null) {
                        giveBack(p);
                    }
                }
                case RESOLVING -> {
                    // The resolver always completes; this only guards against a lost callback.
                    if (now - p.stateSince > TimeUnit.SECONDS.toNanos(30)) {
                        rewatch(p);
                    }
                }
                case UNBOUND -> {
                    if (now - p.retryAt >= 0) {
                        watch(p);
                    }
                }
                case WATCHING -> {
                }
            }
        }
        if (changed) {
            publishBindings();
        }
        countWatching();
    }

    /** Closes the libsrt listener of a port and watches the port again. */
    private void giveBack(Port p) {
        listeners.release(p.port);
        if (p.state == State.BOUND) {
            rangeListeners--;
        } else if (p.state == State.REFUSING) {
            refusingListeners--;
        }
        p.stream = null;
        p.state = State.UNBOUND;
        watch(p);
    }

    private void rewatch(Port p) {
        if (p.fd >= 0 && UdpPortWatch.add(epoll, p.fd, p.port) == 0) {
            p.state = State.WATCHING;
        } else {
            closeSocket(p);
            watch(p);
        }
    }

    /** Opens the port's UDP socket and watches it; false (and retried later) when the port cannot be opened. */
    private boolean watch(Port p) {
        Inet4Address address;
        try {
            address = ServerAddress.listenOn(p.address);
        } catch (IllegalArgumentException e) {
            p.state = State.UNBOUND;
            p.bindError = e.getMessage();
            p.retryAt = System.nanoTime() + REBIND_NANOS;
            return false;
        }
        int fd = UdpPortWatch.bind(address, p.port);
        int rc = fd < 0 ? fd : UdpPortWatch.add(epoll, fd, p.port);
        if (rc < 0) {
            if (fd >= 0) {
                UdpPortWatch.close(fd);
            }
            p.state = State.UNBOUND;
            p.bindError = UdpPortWatch.errorText(rc);
            p.retryAt = System.nanoTime() + REBIND_NANOS;
            return false;
        }
        p.fd = fd;
        p.state = State.WATCHING;
        p.stateSince = System.nanoTime();
        return true;
    }

    private void close(Port p) {
        switch (p.state) {
            case BOUND, REFUSING -> {
                listeners.release(p.port);
                if (p.state == State.BOUND) {
                    rangeListeners--;
                } else {
                    refusingListeners--;
                }
            }
            default -> closeSocket(p);
        }
        p.state = State.UNBOUND;
        firstPacketNanos.remove(p.port);
    }

    private void closeSocket(Port p) {
        if (p.fd >= 0) {
            UdpPortWatch.remove(epoll, p.fd);
            UdpPortWatch.close(p.fd);
            p.fd = -1;
        }
    }

    private void countWatching() {
        int n = 0;
        for (Port p : ports.values()) {
            if (p.state == State.WATCHING) {
                n++;
            }
        }
        watching = n;
    }

    private void publishBindings() {
        List<SrtBinding> list = new ArrayList<>();
        for (Port p : ports.values()) {
            if (p.state == State.BOUND) {
                list.add(new SrtBinding(p.port, p.stream, p.publish ? "publish" : "play", false));
            }
        }
        bindings = List.copyOf(list);
    }

    private static String describe(List<SrtPortRange> ranges) {
        StringBuilder sb = new StringBuilder();
        for (SrtPortRange r : ranges) {
            sb.append(sb.length() == 0 ? "" : ", ").append(r.mode()).append(' ')
                    .append(r.bindAddress() == null ? "" : r.bindAddress() + ":").append(r.first()).append('-').append(r.last());
        }
        return sb.length() == 0 ? "(none)" : sb.toString();
    }
}
