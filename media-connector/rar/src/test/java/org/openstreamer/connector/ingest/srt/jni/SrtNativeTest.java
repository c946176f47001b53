package org.openstreamer.connector.ingest.srt.jni;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstreamer.connector.ingest.srt.jni.SrtTestSupport.LOOPBACK;

class SrtNativeTest {

    /** UDP (28) and SRT (16) header bytes that libsrt 1.5 counts with each packet. */
    private static final long HEADER_BYTES = 44;

    private final SrtTestSupport srt = new SrtTestSupport();

    @AfterEach
    void closeSockets() {
        srt.close();
    }

    @Test
    void loadsOnceAndReportsTheLibsrtVersion() {
        SrtNative.load();
        SrtNative.load();
        assertTrue(SrtNative.isLoaded());
        assertTrue(SrtNative.version().startsWith("1.5."), SrtNative.version());
    }

    @Test
    void socketStatesFollowTheLifeCycle() {
        int s = SrtNative.createSocket();
        assertEquals(SrtSocketState.INIT, SrtNative.getSocketState(s));
        SrtNative.bind(s, LOOPBACK, 0);
        assertEquals(SrtSocketState.OPENED, SrtNative.getSocketState(s));
        assertTrue(SrtNative.localPort(s) > 0);
        SrtNative.listen(s, 4);
        assertEquals(SrtSocketState.LISTENING, SrtNative.getSocketState(s));
        assertEquals(0, SrtNative.close(s));
        SrtSocketState after = SrtNative.getSocketState(s);
        assertTrue(after.code() >= SrtSocketState.BROKEN.code(), after.toString());
    }

    @Test
    void optionsRoundTrip() {
        int s = srt.track(SrtNative.createSocket());
        SrtNative.setOption(s, SrtOption.TRANSTYPE, SrtOption.TRANSTYPE_LIVE);
        SrtNative.setOption(s, SrtOption.LATENCY, 250);
        assertEquals(250, SrtNative.getOption(s, SrtOption.LATENCY));
        assertEquals(250, SrtNative.getOption(s, SrtOption.RCVLATENCY));
        assertEquals(250, SrtNative.getOption(s, SrtOption.PEERLATENCY));
        SrtNative.setOption(s, SrtOption.RCVLATENCY, 300);
        assertEquals(300, SrtNative.getOption(s, SrtOption.RCVLATENCY));
        SrtNative.setOption(s, SrtOption.PAYLOADSIZE, 1316);
        assertEquals(1316, SrtNative.getOption(s, SrtOption.PAYLOADSIZE));
        SrtNative.setOption(s, SrtOption.PBKEYLEN, 32);
        assertEquals(32, SrtNative.getOption(s, SrtOption.PBKEYLEN));
        SrtNative.setOption(s, SrtOption.LINGER, 3);
        assertEquals(3, SrtNative.getOption(s, SrtOption.LINGER));
        SrtNative.setOption(s, SrtOption.LINGER, 0);
        assertEquals(0, SrtNative.getOption(s, SrtOption.LINGER));
        SrtNative.setOption(s, SrtOption.CONNTIMEO, 1500);
        assertEquals(1500, SrtNative.getOption(s, SrtOption.CONNTIMEO));
        SrtNative.setOption(s, SrtOption.RCVTIMEO, 700);
        assertEquals(700, SrtNative.getOption(s, SrtOption.RCVTIMEO));
        SrtNative.setOption(s, SrtOption.SNDTIMEO, 800);
        assertEquals(800, SrtNative.getOption(s, SrtOption.SNDTIMEO));
        SrtNative.setOption(s, SrtOption.RCVSYN, false);
        assertEquals(0, SrtNative.getOption(s, SrtOption.RCVSYN));
        SrtNative.setOption(s, SrtOption.SNDSYN, true);
        assertEquals(1, SrtNative.getOption(s, SrtOption.SNDSYN));
        SrtNative.setOption(s, SrtOption.ENFORCEDENCRYPTION, false);
        assertEquals(0, SrtNative.getOption(s, SrtOption.ENFORCEDENCRYPTION));
        SrtNative.setOption(s, SrtOption.REUSEADDR, true);
        assertEquals(1, SrtNative.getOption(s, SrtOption.REUSEADDR));
        SrtNative.setOption(s, SrtOption.MAXBW, 5_000_000_000L);
        assertEquals(5_000_000_000L, SrtNative.getOption(s, SrtOption.MAXBW));
        SrtNative.setStreamId(s, "#!::r=cam1,m=publish");
        assertEquals("#!::r=cam1,m=publish", SrtNative.getStreamId(s));
        SrtNative.setPassphrase(s, "0123456789");
        SrtNative.setPassphrase(s, null);
    }

    @Test
    void libsrtRefusesBadValuesWithItsErrorCode() {
        int s = srt.track(SrtNative.createSocket());
        SrtException shortPass = assertThrows(SrtException.class, () -> SrtNative.setPassphrase(s, "short"));
        assertEquals(SrtError.EINVPARAM, shortPass.code());
        SrtException longId = assertThrows(SrtException.class, () -> SrtNative.setStreamId(s, "x".repeat(600)));
        assertEquals(SrtError.EINVPARAM, longId.code(), "libsrt caps SRTO_STREAMID at 512 bytes");
        SrtNative.setStreamId(s, "x".repeat(512));
        assertEquals(512, SrtNative.getStreamId(s).length());
        assertThrows(IllegalArgumentException.class, () -> SrtNative.setOption(s, SrtOption.PASSPHRASE, 5));
        assertThrows(IllegalArgumentException.class, () -> SrtNative.setOption(s, SrtOption.LATENCY, "5"));
    }

    @Test
    void closedSocketsFailWithInvalidSocket() {
        int s = SrtNative.createSocket();
        SrtNative.close(s);
        SrtException e = assertThrows(SrtException.class, () -> SrtNative.setLatency(s, 100));
        assertEquals(SrtError.EINVSOCK, e.code());
        assertFalse(e.isRejected());
        byte[] buf = new byte[SrtNative.MAX_LIVE_MESSAGE];
        assertEquals(SrtNative.ERROR, SrtNative.recv(s, buf, 0, buf.length));
        assertEquals(SrtError.EINVSOCK, SrtNative.lastError());
        assertFalse(SrtNative.lastErrorString().isEmpty());
        assertFalse(SrtNative.errorString(SrtError.ECONNREJ).isEmpty());
        SrtNative.clearLastError();
        assertEquals(SrtError.SUCCESS, SrtNative.lastError());
    }

    @Test
    void connectWithoutListenerTimesOut() {
        int probe = srt.track(SrtNative.createSocket());
        SrtNative.bind(probe, LOOPBACK, 0);
        int freePort = SrtNative.localPort(probe);
        SrtNative.close(probe);
        int c = srt.caller(null, null);
        SrtNative.setOption(c, SrtOption.CONNTIMEO, 300);
        SrtException e = assertThrows(SrtException.class, () -> SrtNative.connect(c, LOOPBACK, freePort));
        assertEquals(SrtError.ENOSERVER, e.code());
    }

    @Test
    void messagesArriveIntactBothWaysAndStatsCountThem() {
        int listener = srt.listener(null);
        int caller = srt.connected(listener, null, "#!::r=plain");
        SrtAccepted accepted = srt.accept(listener, 2000);
        assertEquals(LOOPBACK, accepted.peerHost());
        assertEquals(SrtNative.localPort(caller), accepted.peerPort());
        assertEquals("#!::r=plain", SrtNative.getStreamId(accepted.socket()));
        assertEquals(SrtSocketState.CONNECTED, SrtNative.getSocketState(accepted.socket()));

        int count = 200;
        long bytes = 0;
        byte[] out = new byte[1316];
        for (int i = 0; i < count; i++) {
            int len = 1 + (i * 37) % 1316;
            fill(out, i, len);
            assertEquals(len, SrtNative.send(caller, out, 0, len), () -> SrtNative.lastErrorString());
            bytes += len;
        }
        byte[] in = new byte[SrtNative.MAX_LIVE_MESSAGE + 10];
        for (int i = 0; i < count; i++) {
            int len = 1 + (i * 37) % 1316;
            int n = SrtTestSupport.recvWithin(accepted.socket(), in, 2000);
            fill(out, i, len);
            assertEquals(len, n, "message " + i);
            assertArrayEquals(Arrays.copyOf(out, len), Arrays.copyOf(in, n), "message " + i);
        }

        // and back, through direct buffers at an offset
        ByteBuffer src = ByteBuffer.allocateDirect(2000);
        ByteBuffer dst = ByteBuffer.allocateDirect(2000);
        src.position(100);
        src.put("pong".getBytes()).flip().position(100);
        assertEquals(4, SrtNative.send(accepted.socket(), src));
        assertEquals(104, src.position());
        dst.position(7);
        SrtNative.setOption(caller, SrtOption.RCVTIMEO, 2000);
        assertEquals(4, SrtNative.recv(caller, dst));
        assertEquals(11, dst.position());
        byte[] pong = new byte[4];
        dst.flip().position(7);
        dst.get(pong);
        assertEquals("pong", new String(pong));

        SrtStats sent = SrtNative.stats(caller, false);
        SrtStats received = SrtNative.stats(accepted.socket(), false);
        assertTrue(sent.packetsSent() >= count, sent.toString());
        assertTrue(received.packetsReceived() >= count, received.toString());
        long headers = HEADER_BYTES * (received.packetsReceived() + sent.packetsReceived());
        assertEquals(bytes + 4 + headers, received.bytesReceived() + sent.bytesReceived(),
                "payload and per-packet headers, both ways");
        assertTrue(sent.bytesSent() >= bytes + HEADER_BYTES * count, sent.toString());
        assertEquals(0, received.packetsReceivedUndecrypted());
        assertEquals(0, received.packetsReceivedDropped());
        assertTrue(received.rttMs() >= 0);
        assertTrue(received.elapsedMs() >= 0);
        SrtStats cleared = SrtNative.stats(caller, true);
        assertEquals(sent.packetsSent(), cleared.packetsSent(), "totals survive clearing");
    }

    @Test
    void nonBlockingReadsSayWouldBlock() {
        int listener = srt.listener(null);
        int caller = srt.connected(listener, null, null);
        SrtAccepted accepted = srt.accept(listener, 2000);
        SrtNative.setOption(accepted.socket(), SrtOption.RCVSYN, false);
        byte[] buf = new byte[SrtNative.MAX_LIVE_MESSAGE];
        assertEquals(SrtNative.WOULD_BLOCK, SrtNative.recv(accepted.socket(), buf, 0, buf.length));
        assertEquals(SrtError.EASYNCRCV, SrtNative.lastError());
        ByteBuffer direct = ByteBuffer.allocateDirect(SrtNative.MAX_LIVE_MESSAGE);
        assertEquals(SrtNative.WOULD_BLOCK, SrtNative.recv(accepted.socket(), direct));
        assertEquals(0, direct.position());

        SrtNative.setOption(listener, SrtOption.RCVSYN, false);
        assertEquals(null, SrtNative.accept(listener), "no second caller waiting");
        SrtNative.close(caller);
    }

    @Test
    void argumentsAreCheckedBeforeTheNativeCall() {
        byte[] buf = new byte[10];
        assertThrows(IndexOutOfBoundsException.class, () -> SrtNative.send(1, buf, 5, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> SrtNative.recv(1, buf, -1, 2));
        assertThrows(IllegalArgumentException.class, () -> SrtNative.send(1, new byte[2000], 0, 2000));
        assertThrows(IllegalArgumentException.class, () -> SrtNative.recv(1, ByteBuffer.allocate(10)));
        assertThrows(IllegalArgumentException.class, () -> SrtNative.bind(1, LOOPBACK, 70000));
    }

    static void fill(byte[] b, int seed, int len) {
        for (int j = 0; j < len; j++) {
            b[j] = (byte) (seed * 31 + j * 7);
        }
    }
}
