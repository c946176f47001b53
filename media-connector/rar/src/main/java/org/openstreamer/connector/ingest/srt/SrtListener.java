package org.openstreamer.connector.ingest.srt;

import org.openstreamer.connector.ingest.srt.SrtAdmission.Accept;
import org.openstreamer.connector.ingest.srt.SrtAdmission.Decision;
import org.openstreamer.connector.ingest.srt.SrtAdmission.Reject;
import org.openstreamer.connector.ingest.srt.jni.SrtNative;
import org.openstreamer.connector.ingest.srt.jni.SrtOption;
import org.openstreamer.connector.ingest.srt.jni.UdpPortWatch;

import java.util.Map;
import java.util.logging.Logger;

/**
 * One bound SRT port: binds it (or takes over a range port's UDP socket), listens, and admits
 * callers in libsrt's listen callback, from memory only. It accepts nothing itself: its socket
 * joins the reactor's epoll set, and {@link SrtReactor} accepts the callers it let through. Its
 * role may change under it (the next caller sees the new one).
 */
final class SrtListener {

    private static final Logger LOG = Logger.getLogger(SrtListener.class.getName());
    private static final int BACKLOG = 64;

    /**
     * What admission needs from the server: its state, where refusals are reported, and where
     * callers let through wait (by socket) for the reactor to accept them.
     */
    record Gate(SrtServer.Host host, SrtRejectLog rejects, Map<Integer, Accept> admitted) {
    }

    final int socket;
    final int port;
    /** A port of a range, handed over by the watcher, which also takes it back. */
    final boolean range;
    volatile SrtPortRole role;
    private final Gate gate;

    private SrtListener(int socket, int port, SrtPortRole role, boolean range, Gate gate) {
        this.socket = socket;
        this.port = port;
        this.role = role;
        this.range = range;
        this.gate = gate;
    }

    /**
     * Binds {@code port}, or with {@code udpFd} >= 0 takes over that UDP socket (a range port the
     * watcher hands over), and installs the admission callback; {@link #listen} comes next. Null
     * if it failed (logged; the UDP socket is closed too).
     */
    static SrtListener bind(int port, SrtPortRole role, int udpFd, Gate gate) {
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
                SrtNative.bind(socket, ServerAddress.listenOn(role.endpoint().bindAddress()).getHostAddress(), port);
            }
            SrtListener listener = new SrtListener(socket, port, role, udpFd >= 0, gate);
            SrtNative.setListenCallback(socket, (ls, ns, hs, peerHost, peerPort, streamId) ->
                    listener.admit(ns, peerHost, peerPort, streamId));
            return listener;
        } catch (RuntimeException e) {
            if (socket >= 0) {
                SrtNative.close(socket);
            }
            if (udpFd >= 0 && !handedOver) {
                UdpPortWatch.close(udpFd);
            }
            failed(port, role, e);
            return null;
        }
    }

    /**
     * Joins the reactor's epoll set, then listens: libsrt 1.5 reports callers queued before the
     * listener joined the set to nobody. False if it failed (logged, socket closed).
     */
    boolean listen(int epoll) {
        try {
            SrtNative.epollAdd(epoll, socket, SrtNative.EPOLL_IN | SrtNative.EPOLL_ERR);
            SrtNative.listen(socket, BACKLOG);
            if (role.kind() != SrtPortRole.Kind.RANGE_REFUSED) {
                LOG.info("SRT listening on " + (range ? "port " : ServerAddress.listenOn(role.endpoint().bindAddress()).getHostAddress() + ":")
                        + port + " (" + role.describe() + ")");
            }
            return true;
        } catch (RuntimeException e) {
            SrtNative.close(socket);
            failed(port, role, e);
            return false;
        }
    }

    /** Leaves the epoll set and closes the port. */
    void close(int epoll) {
        try {
            SrtNative.epollRemove(epoll, socket);
        } catch (RuntimeException ignored) {
            // already gone from the set
        }
        SrtNative.close(socket);
        if (role.kind() != SrtPortRole.Kind.RANGE_REFUSED) {
            LOG.info("SRT port " + port + " closed");
        }
    }

    private static void failed(int port, SrtPortRole role, RuntimeException e) {
        LOG.severe("cannot listen on SRT port " + port + " (" + role.describe() + "): " + e.getMessage());
    }

    /** libsrt's listen callback: decide from memory, set the passphrase, never block. */
    private int admit(int caller, String peerHost, int peerPort, String rawStreamId) {
        SrtPortRole current = role;
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
            decision = SrtAdmission.authorize(SrtAdmission.decide(current, id.name(), mode, id.password(), gate.host()),
                    peerHost, id.args(), gate.host());
        }
        if (decision instanceof Reject r) {
            if (current.kind() != SrtPortRole.Kind.RANGE_REFUSED) { // the range watcher reported those already
                gate.rejects().refused(peerHost + ":" + peerPort, port, r, gate.host());
            }
            return r.code();
        }
        Accept a = (Accept) decision;
        if (a.passphrase() != null) {
            SrtNative.setPassphrase(caller, a.passphrase());
        }
        SrtNative.setLatency(caller, a.latencyMs());
        gate.admitted().put(caller, a);
        return 0;
    }
}
