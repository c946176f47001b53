package org.openstreamer.connector.ingest.srt.jni;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** One thread serves a listener and several connections through epoll and non-blocking reads. */
class SrtEpollTest {

    private static final int CALLERS = 3;
    private static final int MESSAGES = 60;

    private final SrtTestSupport srt = new SrtTestSupport();

    @AfterEach
    void closeSockets() {
        srt.close();
    }

    @Test
    void severalConnectionsOnOneThread() throws Exception {
        int eid = srt.epoll();
        SrtNative.epollSetFlags(eid, SrtNative.EPOLL_ENABLE_EMPTY);
        int listener = srt.track(SrtNative.createSocket());
        SrtNative.setLatency(listener, SrtTestSupport.LATENCY_MS);
        SrtNative.setOption(listener, SrtOption.RCVSYN, false);   // accept never blocks; accepted sockets inherit it
        SrtNative.bind(listener, SrtTestSupport.LOOPBACK, 0);
        SrtNative.setListenCallback(listener,
                (l, s, v, h, p, sid) -> sid.startsWith("#!::r=feed") ? 0 : SrtRejectReason.NOT_FOUND);
        SrtNative.epollAdd(eid, listener, SrtNative.EPOLL_IN | SrtNative.EPOLL_ERR);   // before callers can queue
        SrtNative.listen(listener, 8);

        int[] callers = new int[CALLERS];
        Map<Integer, Integer> callerByPort = new HashMap<>();
        for (int i = 0; i < CALLERS; i++) {
            callers[i] = srt.connected(listener, null, "#!::r=feed" + i + ",m=publish");
            callerByPort.put(SrtNative.localPort(callers[i]), i);
        }
        Thread sender = new Thread(() -> {
            byte[] msg = new byte[1316];
            for (int m = 0; m < MESSAGES; m++) {
                for (int i = 0; i < CALLERS; i++) {
                    msg[0] = (byte) i;
                    msg[1] = (byte) m;
                    SrtNative.send(callers[i], msg, 0, 100 + i);
                }
            }
        }, "srt-test-sender");
        sender.start();

        Map<Integer, Integer> feedOf = new HashMap<>();     // accepted socket -> caller index
        int[] next = new int[CALLERS];                       // next message number expected per feed
        int[] readable = new int[16];
        int[] counts = new int[2];
        ByteBuffer buf = ByteBuffer.allocateDirect(SrtNative.MAX_LIVE_MESSAGE);
        long deadline = System.nanoTime() + 10_000_000_000L;
        int received = 0;
        while (received < CALLERS * MESSAGES) {
            if (System.nanoTime() > deadline) {
                fail("only " + received + " messages after 10 s");
            }
            int n = SrtNative.epollWait(eid, readable, null, counts, 500);
            assertTrue(n >= 0, () -> "epoll_wait: " + SrtNative.lastErrorString());
            for (int k = 0; k < counts[0]; k++) {
                int s = readable[k];
                if (s == listener) {   // one accept per wake-up: readiness stays while callers queue
                    SrtAccepted a = SrtNative.accept(listener);
                    srt.track(a.socket());
                    feedOf.put(a.socket(), callerByPort.get(a.peerPort()));
                    assertEquals(0, SrtNative.getOption(a.socket(), SrtOption.RCVSYN));
                    SrtNative.epollAdd(eid, a.socket(), SrtNative.EPOLL_IN | SrtNative.EPOLL_ERR);
                    continue;
                }
                int feed = feedOf.get(s);
                int len;
                while (true) {
                    buf.clear();
                    len = SrtNative.recv(s, buf);
                    if (len == SrtNative.WOULD_BLOCK) {
                        break;
                    }
                    assertTrue(len > 0, () -> "recv: " + SrtNative.lastErrorString());
                    assertEquals(100 + feed, len);
                    assertEquals(feed, buf.get(0));
                    assertEquals((byte) next[feed], buf.get(1), "feed " + feed + " in order");
                    next[feed]++;
                    received++;
                }
            }
        }
        sender.join(2000);
        assertEquals(CALLERS, feedOf.size());
        for (int i = 0; i < CALLERS; i++) {
            assertEquals(MESSAGES, next[i]);
        }

        // a caller going away shows as an error on its socket
        SrtNative.close(callers[0]);
        int gone = feedOf.entrySet().stream().filter(e -> e.getValue() == 0).findFirst().orElseThrow().getKey();
        long until = System.nanoTime() + 3_000_000_000L;
        boolean seenBroken = false;
        while (!seenBroken && System.nanoTime() < until) {
            SrtNative.epollWait(eid, readable, null, counts, 200);
            for (int k = 0; k < counts[0]; k++) {
                if (readable[k] == gone) {
                    buf.clear();
                    seenBroken = SrtNative.recv(gone, buf) == SrtNative.ERROR;
                }
            }
        }
        assertTrue(seenBroken, "the closed caller's socket reports an error");
        SrtSocketState state = SrtNative.getSocketState(gone);
        assertTrue(state == SrtSocketState.BROKEN || state == SrtSocketState.CLOSED, state.toString());
    }
}
