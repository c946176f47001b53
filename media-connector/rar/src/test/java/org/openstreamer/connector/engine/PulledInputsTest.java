package org.openstreamer.connector.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.StreamConfig;
import org.openstreamer.connector.buffer.LiveStream;
import org.openstreamer.connector.ingest.IngestSessions;
import org.openstreamer.connector.ingest.srt.SrtServer;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which pullers run: started for static streams, restarted when their input changes, stopped when the stream goes. */
class PulledInputsTest {

    private final List<MediaEvent> events = new CopyOnWriteArrayList<>();
    private final IngestSessions sessions = new IngestSessions(LiveStream::new, events::add);
    private final java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong(1_000_000);
    private final PulledInputs pulled = new PulledInputs(new PulledInputs.Host() {
        @Override
        public org.openstreamer.connector.ingest.IngestSession open(String stream, org.openstreamer.connector.ingest.Source source) {
            return sessions.open(stream, source);
        }

        @Override
        public boolean hasPublisher(String stream) {
            return sessions.hasPublisher(stream);
        }

        @Override
        public void disconnectPublisher(String stream, String reason) {
            sessions.disconnect(stream, reason);
        }

        @Override
        public boolean publishing(String stream) {
            return sessions.hasPublisher(stream);
        }

        @Override
        public long frameAgeMillis(String stream) {
            return sessions.frameAgeMillis(stream);
        }

        @Override
        public String standBy(String stream, org.openstreamer.connector.ingest.IngestSession.Waker waker) {
            org.openstreamer.connector.ingest.IngestSession s = sessions.standBy(stream, waker);
            return s == null ? null : s.source().peer();
        }

        @Override
        public boolean resume(org.openstreamer.connector.ingest.IngestSession session) {
            return sessions.resume(session);
        }
    }, n -> null, new org.openstreamer.connector.dvr.DvrArchive(), events::add,
            org.openstreamer.connector.ingest.pull.PullClients::openerFor, java.nio.file.Path::of, clock::get);
    private final SrtServer.Threads threads = (name, task) -> new Thread(task, name).start();

    @AfterEach
    void stopAll() {
        pulled.stopAll();
    }

    private static StreamConfig udp(String name, int port, boolean isStatic, boolean disabled, int timeout) {
        return new StreamConfig(name, false, disabled, null, null, null, 4, 4, isStatic, 60, 10, null,
                "udp://127.0.0.1:" + port, timeout, null);
    }

    private static int freePort() throws SocketException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean bound(int port) {
        try (DatagramSocket s = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
            return false;
        } catch (SocketException inUse) {
            return true;
        }
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 5 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void followsTheConfiguration() throws Exception {
        int first = freePort();
        int second = freePort();
        pulled.apply(Map.of("cam", udp("cam", first, true, false, 60)), threads);
        await("listening on the first port", () -> bound(first));
        assertEquals("udp://127.0.0.1:" + first, pulled.activeUrl("cam"));

        pulled.apply(Map.of("cam", udp("cam", second, true, false, 60)), threads);
        await("moved to the second port", () -> bound(second) && !bound(first));

        pulled.apply(Map.of("cam", udp("cam", second, true, false, 30)), threads);
        await("restarted for a new source_timeout", () -> bound(second));

        pulled.apply(Map.of(), threads);
        await("stopped with the stream", () -> !bound(second));
        assertNull(pulled.activeUrl("cam"));
    }

    @Test
    void onDemandAndDisabledStreamsAreNotPulledAndNothingStartsBeforeTheThreads() throws Exception {
        int a = freePort();
        int b = freePort();
        int c = freePort();
        pulled.apply(Map.of("a", udp("a", a, false, false, 60), "b", udp("b", b, true, true, 60)), threads);
        pulled.apply(Map.of("c", udp("c", c, true, false, 60)), null);
        Thread.sleep(300);
        assertTrue(!bound(a) && !bound(b) && !bound(c));
        assertNull(pulled.activeUrl("a"));
        pulled.apply(Map.of("c", udp("c", c, true, false, 60)), threads);
        await("started once the threads are there", () -> bound(c));
    }

    @Test
    void anOnDemandStreamStartsOnDemandAndStopsAfterClientsTimeoutWithoutViewers() throws Exception {
        int port = freePort();
        StreamConfig c = udp("od", port, false, false, 60).toBuilder().clientsTimeout(20).build();
        pulled.apply(Map.of("od", c), threads);
        Thread.sleep(200);
        assertTrue(!bound(port), "an on-demand stream waits for a viewer");
        assertTrue(pulled.demand("od"));
        await("started by the viewer", () -> bound(port));
        assertTrue(events.stream().anyMatch(e -> e.type().equals("stream_started")));

        clock.addAndGet(15_000);
        pulled.touch("od"); // a playlist request: the viewer is still there
        clock.addAndGet(15_000);
        pulled.expireIdle(n -> 0);
        assertTrue(pulled.isRunning("od"), "15 s after the last request is within clients_timeout");
        pulled.expireIdle(n -> 1);
        clock.addAndGet(30_000);
        pulled.expireIdle(n -> 1);
        assertTrue(pulled.isRunning("od"), "a connected live reader keeps it running");
        pulled.expireIdle(n -> 0);
        assertTrue(!pulled.isRunning("od"));
        await("stopped after clients_timeout", () -> !bound(port));
        assertTrue(events.stream().anyMatch(e -> e.type().equals("stream_stopped")
                && String.valueOf(e.data().get("reason")).contains("clients_timeout")));
    }

    @Test
    void anOnDemandStreamGivesUpAfterRetryLimitFailedAttempts() throws Exception {
        StreamConfig c = StreamConfig.builder("od").publishEnabled(false).isStatic(false).retryLimit(2)
                .source("tstcp://127.0.0.1:" + freeTcpPort()).build();
        pulled.apply(Map.of("od", c), threads);
        assertTrue(pulled.demand("od"));
        await("given up", () -> !pulled.isRunning("od"));
        MediaEvent stopped = events.stream().filter(e -> e.type().equals("stream_stopped"))
                .findFirst().orElseThrow();
        assertTrue(String.valueOf(stopped.data().get("reason")).contains("retry_limit"), stopped.data().toString());
    }

    @Test
    void aStaticStreamIsNotStartedOrStoppedByViewers() throws Exception {
        int port = freePort();
        pulled.apply(Map.of("cam", udp("cam", port, true, false, 60)), threads);
        await("running", () -> bound(port));
        assertTrue(!pulled.demand("cam"), "a static stream's viewer has nothing to wait for");
        clock.addAndGet(3_600_000);
        pulled.expireIdle(n -> 0);
        assertTrue(pulled.isRunning("cam"));
    }

    private static int freeTcpPort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
