package org.openstreamer.connector.ingest.pull;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.buffer.LiveStream;
import org.openstreamer.connector.demux.ts.TsFixtures;
import org.openstreamer.connector.ingest.IngestSessions;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pullers against real peers on loopback: connect, feed, fail with a reason, reconnect, stop. */
class PulledSourceTest {

    private final List<MediaEvent> events = new CopyOnWriteArrayList<>();
    private final LiveStream hub = new LiveStream("cam");
    private final IngestSessions sessions = new IngestSessions(n -> n.equals("cam") ? hub : null, events::add);
    private final List<AutoCloseable> closing = new ArrayList<>();
    private PulledSource source;
    private Thread thread;

    @AfterEach
    void stop() throws Exception {
        if (source != null) {
            source.stop();
            thread.join(5000);
        }
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private void start(String url, int timeoutSeconds) {
        PullUrl u = PullUrl.parse(url);
        source = new PulledSource("cam", u, timeoutSeconds, PulledSource.openerFor(u.scheme()),
                s -> sessions.open("cam", s), events::add);
        thread = new Thread(source, "test-pull");
        thread.start();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 15 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    private long count(String type, String reasonStart) {
        return events.stream().filter(e -> e.type().equals(type)
                && (reasonStart == null || String.valueOf(e.data().get("reason")).startsWith(reasonStart))).count();
    }

    /** A TCP server on loopback answering each connection, in order, with one of {@code answers}, the last one for ever. */
    private ServerSocket server(AtomicInteger connections, List<String> requests, Answer... answers) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        closing.add(server);
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    int n = connections.getAndIncrement();
                    if (requests != null) {
                        requests.add(head(s.getInputStream()));
                    }
                    answers[Math.min(n, answers.length - 1)].answer(s.getOutputStream());
                } catch (IOException e) {
                    // the puller hung up: next connection
                }
            }
        }, "test-server");
        t.setDaemon(true);
        t.start();
        return server;
    }

    @FunctionalInterface
    private interface Answer {
        void answer(OutputStream out) throws IOException;
    }

    private static String head(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        while (!b.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.append((char) c);
        }
        return b.toString();
    }

    private static Answer text(String response) {
        return out -> out.write(response.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void tshttpRetriesAfterARefusalFeedsAChunkedBodyAndReconnectsWhenItEnds() throws Exception {
        byte[] ts = TsFixtures.bytes("h264_aac");
        AtomicInteger connections = new AtomicInteger();
        List<String> requests = new CopyOnWriteArrayList<>();
        ServerSocket server = server(connections, requests,
                text("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"),
                out -> {
                    out.write("HTTP/1.1 200 OK\r\nContent-Type: video/mp2t\r\nTransfer-Encoding: chunked\r\n\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
                    for (int off = 0; off < ts.length; off += 10_000) {
                        int n = Math.min(10_000, ts.length - off);
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.write(ts, off, n);
                        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                },
                text("HTTP/1.1 503 Service Unavailable\r\n\r\n"));
        start("tshttp://127.0.0.1:" + server.getLocalPort() + "/live/ch.ts?x=1", 10);

        await("the refusal reported", () -> count("source_lost", "HTTP 404 Not Found from tshttp://") == 1);
        assertTrue(source.lastError().startsWith("HTTP 404"), source.lastError());
        await("a publisher after the retry", () -> count("publish_started", null) == 1);
        assertEquals("tshttp", events.stream().filter(e -> e.type().equals("publish_started")).findFirst().orElseThrow()
                .data().get("protocol"));
        await("the end of the body is a lost source", () -> count("publish_stopped", "the source ended the stream") == 1);
        assertEquals(1, count("source_lost", "the source ended the stream"));
        assertFalse(hub.tracks().isEmpty(), "the body was demuxed into the hub");
        assertTrue(hub.lastFrameMillis() > 0, "frames arrived");

        await("retries go on", () -> connections.get() >= 5);
        assertEquals(1, count("source_lost", "HTTP 503"), "a run of equal failures is reported once");
        assertTrue(requests.get(0).startsWith("GET /live/ch.ts?x=1 HTTP/1.1\r\n"), requests.get(0));
        assertTrue(requests.get(0).contains("\r\nHost: 127.0.0.1:" + server.getLocalPort() + "\r\n"), requests.get(0));
    }

    @Test
    void tstcpGarbageEndsTheSessionBoundedAndTheSourceIsRetried() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        AtomicLong written = new AtomicLong();
        Random random = new Random(1);
        ServerSocket server = server(connections, null, out -> {
            byte[] junk = new byte[64 * 1024];
            while (written.get() < 256L << 20) {
                random.nextBytes(junk);
                out.write(junk);
                written.addAndGet(junk.length);
            }
        });
        start("tstcp://127.0.0.1:" + server.getLocalPort(), 30);

        await("the garbage ends the session", () -> count("publish_stopped", "not MPEG-TS") >= 1);
        assertEquals(1, count("source_lost", "not MPEG-TS"), "a lost source, with the reason");
        assertTrue(written.get() < 32L << 20, "stopped reading after " + written.get() + " bytes");
        await("and it is tried again", () -> connections.get() >= 2);
        assertTrue(hub.tracks().isEmpty());
    }

    @Test
    void udpWithoutFramesForSourceTimeoutReconnectsAndStopFreesThePort() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        start("udp://127.0.0.1:" + port, 1);
        byte[] ts = TsFixtures.bytes("h264_aac");
        try (DatagramSocket sender = new DatagramSocket()) {
            for (int i = 0; i < 40 && count("publish_started", null) == 0; i++) { // the socket may not be bound yet
                for (int off = 0; off + 1316 <= 1316 * 200 && off + 1316 <= ts.length; off += 1316) {
                    sender.send(new DatagramPacket(ts, off, 1316, InetAddress.getLoopbackAddress(), port));
                }
                Thread.sleep(50);
            }
        }
        await("a publisher", () -> count("publish_started", null) == 1);
        await("the silence is a lost source", () -> count("publish_stopped", "no frames for 1 s") == 1);
        assertEquals(1, count("source_lost", "no frames for 1 s"));
        assertEquals("udp", events.stream().filter(e -> e.type().equals("publish_started")).findFirst().orElseThrow()
                .data().get("protocol"));
        await("listening again, still nothing", () -> count("source_lost", "no data for 1 s") == 1);

        source.stop();
        thread.join(3000);
        assertFalse(thread.isAlive());
        try (DatagramSocket again = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
            assertEquals(port, again.getLocalPort(), "the port is free once stopped");
        }
    }

    @Test
    void stopEndsTheSessionWithoutALostSource() throws Exception {
        byte[] ts = TsFixtures.bytes("h264_aac");
        AtomicInteger connections = new AtomicInteger();
        ServerSocket server = server(connections, null, out -> {
            for (int off = 0; off < ts.length; off += 1880) { // about 1.6 MB/s: still sending when stopped
                out.write(ts, off, Math.min(1880, ts.length - off));
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        start("tstcp://127.0.0.1:" + server.getLocalPort(), 10);
        await("a publisher", () -> count("publish_started", null) == 1);
        source.stop();
        thread.join(3000);
        assertFalse(thread.isAlive());
        assertEquals(1, count("publish_stopped", "source stopped"));
        assertEquals(0, count("source_lost", null));
        assertFalse(sessions.hasPublisher("cam"));
    }

    @Test
    void backoffStartsUnderASecondAndStaysWithinFive() {
        assertEquals(List.of(500L, 1000L, 2000L, 4000L, 5000L, 5000L),
                List.of(0, 1, 2, 3, 4, 40).stream().map(PulledSource::backoffMillis).toList());
    }

    @Test
    void aStreamWithAnotherPublisherIsRetriedNotFed() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        ServerSocket server = server(connections, null, out -> out.write(TsFixtures.bytes("h264_aac")));
        sessions.open("cam", new org.openstreamer.connector.ingest.http.HttpTsPublisher("10.0.0.1:1", 0));
        start("tstcp://127.0.0.1:" + server.getLocalPort(), 10);
        await("refused while another publishes", () -> count("source_lost", "the stream has another publisher") == 1);
        assertEquals(1, count("publish_started", null), "only the other publisher's");
    }
}
