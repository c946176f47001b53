package org.openstreamer.connector.ingest.srt.jni;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Sockets for the tests, all on 127.0.0.1 with ports the system picks (bind to port 0, then read
 * the port back), so nothing collides with other builds on the machine. Close with {@link #close()}.
 */
final class SrtTestSupport implements AutoCloseable {

    static final String LOOPBACK = "127.0.0.1";
    /** Small latency so that live-mode delivery in the tests waits only this long. */
    static final int LATENCY_MS = 40;

    private final List<Integer> sockets = new ArrayList<>();
    private final List<Integer> epolls = new ArrayList<>();
    /** listener -> its epoll, registered before listen(): libsrt 1.5 does not report callers queued earlier */
    private final Map<Integer, Integer> acceptPolls = new HashMap<>();

    static {
        SrtNative.load();
    }

    /** A listener on a free port with {@code callback} (may be null), listening. */
    int listener(SrtListenCallback callback) {
        return listener(callback, s -> { });
    }

    /** The same, with {@code configure} run on the socket before it listens. */
    int listener(SrtListenCallback callback, IntConsumer configure) {
        int s = track(SrtNative.createSocket());
        configure.accept(s);
        SrtNative.setOption(s, SrtOption.TRANSTYPE, SrtOption.TRANSTYPE_LIVE);
        SrtNative.setLatency(s, LATENCY_MS);
        SrtNative.bind(s, LOOPBACK, 0);
        if (callback != null) {
            SrtNative.setListenCallback(s, callback);
        }
        int eid = epoll();
        SrtNative.epollAdd(eid, s, SrtNative.EPOLL_IN | SrtNative.EPOLL_ERR);
        acceptPolls.put(s, eid);
        SrtNative.listen(s, 16);
        return s;
    }

    /** A caller socket, not connected yet; {@code passphrase} and {@code streamId} may be null. */
    int caller(String passphrase, String streamId) {
        int s = track(SrtNative.createSocket());
        SrtNative.setOption(s, SrtOption.TRANSTYPE, SrtOption.TRANSTYPE_LIVE);
        SrtNative.setLatency(s, LATENCY_MS);
        SrtNative.setOption(s, SrtOption.CONNTIMEO, 2000);
        if (passphrase != null) {
            SrtNative.setPassphrase(s, passphrase);
        }
        if (streamId != null) {
            SrtNative.setStreamId(s, streamId);
        }
        return s;
    }

    /** A caller connected to {@code listener}. */
    int connected(int listener, String passphrase, String streamId) {
        int s = caller(passphrase, streamId);
        SrtNative.connect(s, LOOPBACK, SrtNative.localPort(listener));
        return s;
    }

    /** The next connection on {@code listener}, waiting at most {@code timeoutMs}. */
    SrtAccepted accept(int listener, long timeoutMs) {
        int eid = acceptPolls.get(listener);
        int[] ready = new int[4];
        int[] counts = new int[2];
        int n = SrtNative.epollWait(eid, ready, null, counts, timeoutMs);
        if (n <= 0) {
            fail("no connection within " + timeoutMs + " ms (epoll " + n + ", error " + SrtNative.lastErrorString() + ")");
        }
        assertEquals(listener, ready[0]);
        SrtAccepted a = SrtNative.accept(listener);
        assertNotNull(a);
        track(a.socket());
        return a;
    }

    /** The epoll that watches {@code listener} for callers. */
    int acceptPoll(int listener) {
        return acceptPolls.get(listener);
    }

    int epoll() {
        int eid = SrtNative.epollCreate();
        epolls.add(eid);
        return eid;
    }

    int track(int socket) {
        sockets.add(socket);
        return socket;
    }

    /** Receives one message, blocking at most {@code timeoutMs}; returns its length or fails. */
    static int recvWithin(int socket, byte[] buf, int timeoutMs) {
        SrtNative.setOption(socket, SrtOption.RCVTIMEO, timeoutMs);
        int n = SrtNative.recv(socket, buf, 0, buf.length);
        if (n < 0) {
            fail("recv failed: " + SrtNative.lastError() + " " + SrtNative.lastErrorString());
        }
        return n;
    }

    @Override
    public void close() {
        for (int eid : epolls) {
            SrtNative.epollRelease(eid);
        }
        for (int s : sockets) {
            SrtNative.close(s);
        }
        epolls.clear();
        sockets.clear();
        acceptPolls.clear();
    }
}
