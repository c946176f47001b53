package org.openstreamer.connector.ingest.srt.jni;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openstreamer.connector.ingest.srt.SrtStreamId;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstreamer.connector.ingest.srt.jni.SrtTestSupport.LOOPBACK;

/**
 * A listener whose callback picks the passphrase from the stream id's {@code r=}, as the server
 * will: each stream has its own passphrase, unknown streams get 1404, bad stream ids 1400.
 */
class SrtListenCallbackTest {

    static final String SECRET = "correct horse battery";
    /** stream name -> passphrase ("" for an unencrypted stream) */
    static final Map<String, String> STREAMS = Map.of("cam1", SECRET, "open", "");

    private static ExecutorService reports;
    private static final BlockingQueue<SrtHandshakeRejection> REJECTIONS = new LinkedBlockingQueue<>();

    private final SrtTestSupport srt = new SrtTestSupport();
    private final BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    private int listener;

    @BeforeAll
    static void reportRejections() {
        SrtNative.load();
        reports = Executors.newSingleThreadExecutor();
        SrtNative.setRejectListener(REJECTIONS::add, reports);
    }

    @AfterAll
    static void stopReporting() {
        SrtNative.setRejectListener(null, null);
        reports.shutdownNow();
    }

    @BeforeEach
    void listen() {
        REJECTIONS.clear();
        listener = srt.listener(this::onConnect);
    }

    @AfterEach
    void closeSockets() {
        srt.close();
    }

    private int onConnect(int lsn, int socket, int hsVersion, String host, int port, String streamId) {
        seen.add(streamId);
        SrtStreamId id = SrtStreamId.parse(streamId);
        if (!id.isValid()) {
            return SrtRejectReason.BAD_REQUEST;
        }
        String passphrase = STREAMS.get(id.name());
        if (passphrase == null) {
            return SrtRejectReason.NOT_FOUND;
        }
        SrtNative.setPassphrase(socket, passphrase);
        SrtNative.setOption(socket, SrtOption.RCVLATENCY, 200);
        return 0;
    }

    @Test
    void rightPassphraseConnectsAndDeliversIntact() throws Exception {
        int caller = srt.connected(listener, SECRET, "#!::r=cam1,m=publish");
        SrtAccepted a = srt.accept(listener, 2000);
        assertEquals("#!::r=cam1,m=publish", seen.poll(1, TimeUnit.SECONDS));
        assertEquals(SrtNative.localPort(caller), a.peerPort());
        assertEquals(200, SrtNative.getOption(a.socket(), SrtOption.RCVLATENCY), "latency set in the callback");
        assertEquals(0, SrtNative.getRejectReason(caller));

        byte[] ts = new byte[1316];
        for (int i = 0; i < ts.length; i += 188) {
            ts[i] = 0x47;
            ts[i + 1] = (byte) i;
        }
        for (int i = 0; i < 20; i++) {
            ts[2] = (byte) i;
            assertEquals(1316, SrtNative.send(caller, ts, 0, ts.length));
        }
        byte[] in = new byte[SrtNative.MAX_LIVE_MESSAGE];
        for (int i = 0; i < 20; i++) {
            assertEquals(1316, SrtTestSupport.recvWithin(a.socket(), in, 2000));
            ts[2] = (byte) i;
            assertArrayEquals(ts, java.util.Arrays.copyOf(in, 1316), "message " + i);
        }
        assertEquals(0, SrtNative.stats(a.socket(), false).packetsReceivedUndecrypted());
        assertNull(REJECTIONS.poll(), "no rejection for a good caller");
    }

    @Test
    void wrongPassphraseIsRejectedAsBadSecretAndReported() throws Exception {
        int caller = srt.caller("not the right one", "#!::r=cam1,m=publish");
        SrtException e = assertThrows(SrtException.class,
                () -> SrtNative.connect(caller, LOOPBACK, SrtNative.localPort(listener)));
        assertTrue(e.isRejected(), e.getMessage());
        assertEquals(SrtRejectReason.BADSECRET, e.rejectReason(), e.getMessage());
        assertEquals(SrtRejectReason.BADSECRET, SrtNative.getRejectReason(caller));
        assertEquals("#!::r=cam1,m=publish", seen.poll(1, TimeUnit.SECONDS), "the callback accepted it first");

        SrtHandshakeRejection r = REJECTIONS.poll(2, TimeUnit.SECONDS);
        assertNotNull(r, "the listener side hears of the rejection");
        assertEquals(SrtRejectReason.BADSECRET, r.reason());
        assertEquals(listener, r.listenerSocket());
        assertEquals("#!::r=cam1,m=publish", r.streamId());
        int port = SrtNative.localPort(listener);
        assertEquals("peer 127.0.0.1:" + SrtNative.localPort(caller) + " on port " + port + ": wrong passphrase",
                r.describe());

        // what the C API itself leaves for the listener: nothing to accept, no reason on the socket
        assertEquals(0, SrtNative.epollWait(srt.acceptPoll(listener), new int[4], null, new int[2], 0));
        assertEquals(SrtRejectReason.UNKNOWN, SrtNative.getRejectReason(r.socket()));
        SrtSocketState state = SrtNative.getSocketState(r.socket());
        assertTrue(state == SrtSocketState.CLOSED || state == SrtSocketState.NONEXIST, state.toString());
    }

    /**
     * The other way to learn of a wrong passphrase: with encryption not enforced libsrt lets the
     * caller in, and the accepted socket shows the key-material state; its packets cannot be
     * decrypted. (Not what the server should do: the caller sees no rejection, and a caller
     * without passphrase would get in unencrypted.)
     */
    @Test
    void withoutEnforcedEncryptionTheAcceptedSocketShowsTheBadSecret() throws Exception {
        int lsn = srt.listener((l, s, v, h, p, sid) -> {
            SrtNative.setPassphrase(s, SECRET);
            return 0;
        }, s -> SrtNative.setOption(s, SrtOption.ENFORCEDENCRYPTION, false));
        int caller = srt.caller("not the right one", "#!::r=cam1");
        SrtNative.setOption(caller, SrtOption.ENFORCEDENCRYPTION, false);
        SrtNative.connect(caller, LOOPBACK, SrtNative.localPort(lsn));
        SrtAccepted a = srt.accept(lsn, 2000);
        assertEquals(SrtOption.KM_BADSECRET, SrtNative.getOption(a.socket(), SrtOption.KMSTATE));
        byte[] msg = new byte[188];
        long undecrypted = 0;
        for (int i = 0; i < 50 && undecrypted == 0; i++) {
            SrtNative.send(caller, msg, 0, msg.length);
            Thread.sleep(10);
            undecrypted = SrtNative.stats(a.socket(), false).packetsReceivedUndecrypted();
        }
        assertTrue(undecrypted > 0, "packets that cannot be decrypted are counted");
        assertNull(REJECTIONS.poll(), "nothing was rejected");
    }

    @Test
    void missingPassphraseIsRejectedAsUnsecure() throws Exception {
        int caller = srt.caller(null, "#!::r=cam1,m=publish");
        SrtException e = assertThrows(SrtException.class,
                () -> SrtNative.connect(caller, LOOPBACK, SrtNative.localPort(listener)));
        assertEquals(SrtRejectReason.UNSECURE, e.rejectReason(), e.getMessage());
        SrtHandshakeRejection r = REJECTIONS.poll(2, TimeUnit.SECONDS);
        assertNotNull(r);
        assertEquals(SrtRejectReason.UNSECURE, r.reason());
        assertEquals(SrtNative.localPort(caller), r.peerPort());
    }

    @Test
    void passphraseOnAnOpenStreamIsRejectedAsUnsecure() {
        int caller = srt.caller(SECRET, "#!::r=open,m=publish");
        SrtException e = assertThrows(SrtException.class,
                () -> SrtNative.connect(caller, LOOPBACK, SrtNative.localPort(listener)));
        assertEquals(SrtRejectReason.UNSECURE, e.rejectReason(), e.getMessage());
    }

    @Test
    void openStreamConnectsWithoutPassphrase() {
        srt.connected(listener, null, "open");
        srt.accept(listener, 2000);
    }

    @Test
    void unknownStreamIsRejectedWith1404ByTheCallback() throws Exception {
        int pendingBefore = SrtNative.LIBRARY_LOG.pendingCount();
        int caller = srt.caller(SECRET, "#!::r=nope,m=publish");
        SrtException e = assertThrows(SrtException.class,
                () -> SrtNative.connect(caller, LOOPBACK, SrtNative.localPort(listener)));
        assertEquals(SrtRejectReason.NOT_FOUND, e.rejectReason(), e.getMessage());
        assertTrue(e.getMessage().contains("404 not found"), e.getMessage());
        assertEquals("Application-defined rejection reason", SrtNative.rejectReasonString(e.rejectReason()));
        assertEquals("#!::r=nope,m=publish", seen.poll(1, TimeUnit.SECONDS));
        assertEquals(pendingBefore, SrtNative.LIBRARY_LOG.pendingCount(), "a callback rejection is not tracked");
    }

    @Test
    void malformedStreamIdIsRejectedWith1400() {
        int caller = srt.caller(SECRET, "#!::r=cam1,m=play");
        SrtException e = assertThrows(SrtException.class,
                () -> SrtNative.connect(caller, LOOPBACK, SrtNative.localPort(listener)));
        assertEquals(SrtRejectReason.BAD_REQUEST, e.rejectReason(), e.getMessage());
    }

    /**
     * A 600-character stream id cannot reach the callback: libsrt refuses to set more than 512
     * bytes on the caller, and a listener drops a longer one from the wire before calling back.
     * The longest one that does arrive is passed intact; the parser refuses the 600-character one.
     */
    @Test
    void streamIdLengthLimits() throws Exception {
        String tooLong = "#!::r=cam1,s=" + "x".repeat(600 - 13);
        int caller = srt.caller(SECRET, null);
        assertEquals(SrtError.EINVPARAM,
                assertThrows(SrtException.class, () -> SrtNative.setStreamId(caller, tooLong)).code());
        assertEquals(SrtStreamId.Error.TOO_LONG, SrtStreamId.parse(tooLong).error());

        String longest = "#!::r=cam1,s=" + "x".repeat(512 - 13);
        SrtNative.setStreamId(caller, longest);
        SrtNative.connect(caller, LOOPBACK, SrtNative.localPort(listener));
        assertEquals(longest, seen.poll(1, TimeUnit.SECONDS));
        SrtAccepted a = srt.accept(listener, 2000);
        assertEquals(longest, SrtNative.getStreamId(a.socket()));
    }

    @Test
    void callbackExceptionRejectsWith1500() {
        int lsn = srt.listener((l, s, v, h, p, sid) -> {
            throw new IllegalStateException("boom");
        });
        int caller = srt.caller(null, "x");
        SrtException e = assertThrows(SrtException.class,
                () -> SrtNative.connect(caller, LOOPBACK, SrtNative.localPort(lsn)));
        assertEquals(SrtRejectReason.INTERNAL_SERVER_ERROR, e.rejectReason());
    }
}
