package org.openstreamer.connector.ingest.srt;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.ServerSettings;
import org.openstreamer.connector.api.SrtEndpoint;
import org.openstreamer.connector.api.StreamConfig;
import org.openstreamer.connector.engine.Engine;
import org.openstreamer.connector.ingest.srt.jni.SrtException;
import org.openstreamer.connector.ingest.srt.jni.SrtNative;
import org.openstreamer.connector.ingest.srt.jni.SrtOption;

import java.net.DatagramSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SRT server end to end through the engine, on a real port: listener, admission, reactor and
 * the ingest session, as a publisher sees them (no application server).
 */
class SrtServerIngestTest {

    private final BlockingQueue<MediaEvent> events = new LinkedBlockingQueue<>();
    private final Engine engine = new Engine(events::add);

    @AfterEach
    void stop() {
        engine.stop();
    }

    @Test
    @Timeout(30)
    void publisherFeedsTheHubAndReportsThroughItsSession() throws Exception {
        int port;
        try (DatagramSocket free = new DatagramSocket(0)) {
            port = free.getLocalPort();
        }
        engine.applyStreams(List.of(new StreamConfig("cam1", true, false, null, new SrtEndpoint(port, null, 40),
                null, 4, 4)));
        assertTrue(engine.startSrt((name, task) -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            t.start();
        }, Runnable::run), "libsrt loads");

        int publisher = connect(port, "#!::r=cam1,m=publish");
        MediaEvent started = next("publish_started");
        assertEquals("srt", started.data().get("protocol"));
        assertEquals(port, started.data().get("port"));
        assertTrue(engine.existingLiveStream("cam1").isPublishing());

        assertThrows(SrtException.class, () -> connect(port, "#!::r=cam1,m=publish"), "a second publisher is refused");

        byte[] message = new byte[7 * 188];
        for (int off = 0; off < message.length; off += 188) {
            message[off] = 0x47;
            message[off + 1] = 0x1F; // null packets
            message[off + 2] = (byte) 0xFF;
            message[off + 3] = 0x10;
        }
        for (int i = 0; i < 20; i++) {
            assertEquals(message.length, SrtNative.send(publisher, message, 0, message.length));
        }
        Thread.sleep(500); // past the latency: the reactor has read it all
        engine.restart("cam1");
        MediaEvent stopped = next("publish_stopped");
        assertEquals("stream restarted", stopped.data().get("reason"));
        assertEquals(20L * message.length, stopped.data().get("bytes"));
        assertEquals(0L, stopped.data().get("errors"));
        Map<?, ?> srt = (Map<?, ?>) stopped.data().get("srt_stats");
        assertTrue((Long) srt.get("pktRecvTotal") >= 20L, "libsrt's own name, a number: " + srt);
        assertTrue((Long) srt.get("byteRecvTotal") >= 20L * message.length, srt.toString());
        assertTrue(srt.get("msRTT") instanceof Double, srt.toString());
        SrtNative.close(publisher);
    }

    @Test
    @Timeout(30)
    void aGlobalPortWithAnAddressOfItsOwnListensThereOnly() throws Exception {
        int port;
        try (DatagramSocket free = new DatagramSocket(0)) {
            port = free.getLocalPort();
        }
        engine.applyStreams(List.of(new StreamConfig("cam1", true, false, null, null, null, 4, 4)));
        engine.applySettings(new ServerSettings(null, new SrtEndpoint(port, null, 40, "127.0.0.2"), null));
        assertTrue(engine.startSrt((name, task) -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            t.start();
        }, Runnable::run), "libsrt loads");

        int publisher = connect("127.0.0.2", port, "#!::r=cam1");
        assertEquals(port, next("publish_started").data().get("port"));
        SrtNative.close(publisher);
        assertThrows(SrtException.class, () -> connect("127.0.0.1", port, "#!::r=cam1"), "nothing listens on 127.0.0.1");
    }

    private static int connect(int port, String streamId) {
        return connect("127.0.0.1", port, streamId);
    }

    private static int connect(String host, int port, String streamId) {
        int s = SrtNative.createSocket();
        try {
            SrtNative.setOption(s, SrtOption.TRANSTYPE, SrtOption.TRANSTYPE_LIVE);
            SrtNative.setLatency(s, 40);
            SrtNative.setOption(s, SrtOption.CONNTIMEO, 2000);
            SrtNative.setStreamId(s, streamId);
            SrtNative.connect(s, host, port);
            return s;
        } catch (RuntimeException e) {
            SrtNative.close(s);
            throw e;
        }
    }

    private MediaEvent next(String type) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (MediaEvent e; (e = events.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS)) != null; ) {
            if (e.type().equals(type)) {
                return e;
            }
        }
        throw new AssertionError("no " + type + " event");
    }
}
