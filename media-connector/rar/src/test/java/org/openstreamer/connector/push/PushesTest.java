package org.openstreamer.connector.push;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.PushConfig;
import org.openstreamer.connector.api.PushInfo;
import org.openstreamer.connector.buffer.HubDriver;
import org.openstreamer.connector.buffer.LiveStream;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class PushesTest {

    private final BlockingQueue<MediaEvent> events = new LinkedBlockingQueue<>();
    private final LiveStream hub = new LiveStream("cam1");
    private final HubDriver driver = new HubDriver(hub);
    private final Pushes pushes = new Pushes(name -> name.equals("cam1") ? hub : null, name -> null, events::add);
    private Thread thread;
    private volatile boolean feeding = true;
    private Thread feeder;

    @BeforeEach
    void start() {
        thread = new Thread(pushes, "pushes");
        thread.setDaemon(true);
        thread.start();
        driver.startPublisher();
        driver.play(1);
        feeder = new Thread(() -> {
            while (feeding) {
                synchronized (driver) {
                    driver.frame(((driver.pts / 3600) % 50) == 0);
                    hub.flush();
                }
                try {
                    Thread.sleep(40);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        feeder.setDaemon(true);
        feeder.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        feeding = false;
        feeder.join();
        pushes.stop();
        thread.join(2000);
    }

    @Test
    void udpGetsDatagramsOfWholeTsPackets() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            receiver.setSoTimeout(5000);
            pushes.apply("cam1", List.of(push("udp://127.0.0.1:" + receiver.getLocalPort())), false);
            byte[] buf = new byte[2048];
            long total = 0;
            for (int i = 0; i < 20; i++) {
                DatagramPacket d = new DatagramPacket(buf, buf.length);
                receiver.receive(d);
                assertEquals(0, d.getLength() % 188, "whole packets");
                assertTrue(d.getLength() <= 7 * 188, "seven packets at most");
                for (int p = 0; p < d.getLength(); p += 188) {
                    assertEquals(0x47, buf[p] & 0xFF, "sync byte");
                }
                total += d.getLength();
            }
            assertEquals("push_started", next("push_started").type());
            PushInfo info = pushes.infos("cam1").get(0);
            assertEquals("running", info.status());
            assertTrue(info.bytes() >= total, info.toString());
            assertTrue(info.connectedAt() != null);
        }
    }

    @Test
    void httpGetsAChunkedPostAndARefusalIsAFailureWithItsStatus() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(5000);
            pushes.apply("cam1", List.of(new PushConfig("tshttp://127.0.0.1:" + server.getLocalPort() + "/%s/mpegts?password=x",
                    1, 0, false, 0)), false);
            try (Socket s = server.accept()) {
                s.setSoTimeout(5000);
                InputStream in = s.getInputStream();
                BufferedReader head = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1), 1);
                assertEquals("POST /cam1/mpegts?password=x HTTP/1.1", head.readLine(), "%s is the stream's name");
                List<String> headers = new ArrayList<>();
                for (String line; !(line = head.readLine()).isEmpty(); ) {
                    headers.add(line.toLowerCase());
                }
                assertTrue(headers.contains("transfer-encoding: chunked"), headers.toString());
                int size = Integer.parseInt(head.readLine(), 16);
                assertTrue(size > 0 && size % 188 == 0, "a chunk of whole packets: " + size);
                assertEquals(0x47, head.read(), "the chunk is TS");
                OutputStream answer = s.getOutputStream();
                answer.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                answer.flush();
                MediaEvent failed = next("push_failed");
                assertTrue(((String) failed.data().get("reason")).contains("403 Forbidden"), failed.toString());
                assertEquals(1, failed.data().get("retry_in"));
                PushInfo info = pushes.infos("cam1").get(0);
                assertTrue(info.status().equals("retrying") || info.status().equals("waiting"), info.toString());
                assertTrue(info.error().contains("403"), info.toString());
            }
            server.accept().close(); // it comes back after retry_timeout
        }
    }

    @Test
    void retryLimitFailuresInARowEndInError() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        pushes.apply("cam1", List.of(new PushConfig("tshttp://127.0.0.1:" + closed + "/x", 1, 2, false, 0)), false);
        MediaEvent first = next("push_failed");
        assertEquals(1, first.data().get("failures"));
        MediaEvent last = next("push_failed");
        assertEquals(2, last.data().get("failures"));
        assertEquals(0, last.data().get("retry_in"), "it gives up");
        await(() -> "error".equals(pushes.infos("cam1").get(0).status()));
        Thread.sleep(1500);
        assertEquals(2, pushes.infos("cam1").get(0).failures(), "no attempt after giving up");
    }

    @Test
    void unsupportedAndDisabledPushesSendNothingAndSaySo() {
        pushes.apply("cam1", List.of(push("m4s://cdn.example.com/cam1"),
                new PushConfig("udp://127.0.0.1:9", 5, 0, true, 0)), false);
        List<PushInfo> infos = pushes.infos("cam1");
        assertEquals("error", infos.get(0).status());
        assertTrue(infos.get(0).error().startsWith("push scheme m4s is not supported yet"), infos.toString());
        assertEquals("disabled", infos.get(1).status());
        pushes.apply("cam1", List.of(push("udp://127.0.0.1:9")), true);
        assertEquals("disabled", pushes.infos("cam1").get(0).status(), "a disabled stream's pushes are disabled");
    }

    @Test
    void anUnchangedPushKeepsItsConnectionAndAChangedOneRestarts() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            PushConfig udp = push("udp://127.0.0.1:" + receiver.getLocalPort());
            pushes.apply("cam1", List.of(udp), false);
            next("push_started");
            pushes.apply("cam1", List.of(new PushConfig(udp.url(), 5, 0, false, 0)), false);
            assertTrue(events.stream().noneMatch(e -> e.type().equals("push_stopped")), events.toString());
            pushes.apply("cam1", List.of(new PushConfig(udp.url(), 7, 0, false, 0)), false);
            assertEquals("the push was removed or changed", next("push_stopped").data().get("reason"));
            next("push_started");
            pushes.remove("cam1");
            next("push_stopped");
            assertTrue(pushes.infos("cam1").isEmpty());
        }
    }

    @Test
    void timeoutDisconnectsThatLongAfterTheSourceStopped() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            pushes.apply("cam1", List.of(new PushConfig("udp://127.0.0.1:" + receiver.getLocalPort(), 5, 0, false, 1)), false);
            next("push_started");
            feeding = false;
            feeder.join();
            long stoppedAt = System.nanoTime();
            hub.publisherStopped();
            MediaEvent stopped = next("push_stopped");
            assertTrue(System.nanoTime() - stoppedAt >= TimeUnit.MILLISECONDS.toNanos(900), "not before the timeout");
            assertTrue(((String) stopped.data().get("reason")).contains("stopped 1 s ago"), stopped.toString());
            assertTrue((Long) stopped.data().get("bytes") > 0);
            assertEquals("waiting", pushes.infos("cam1").get(0).status());
        }
    }

    @Test
    void aPushOfAnotherStreamIsNotDisturbed() throws Exception {
        pushes.apply("other", List.of(push("udp://127.0.0.1:9")), false);
        Thread.sleep(300);
        assertSame("waiting", pushes.infos("other").get(0).status().intern(), "no hub: it waits for frames");
    }

    private static PushConfig push(String url) {
        return new PushConfig(url, 5, 0, false, 0);
    }

    private MediaEvent next(String type) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        for (MediaEvent e; (e = events.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS)) != null; ) {
            if (e.type().equals(type)) {
                return e;
            }
        }
        throw new AssertionError("no " + type + " event");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "condition not met in time");
            Thread.sleep(20);
        }
    }

    @Test
    void aProtectedStreamsPushWaitsWithStatusErrorUntilTheProtectionEnds() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean protectedNow = new java.util.concurrent.atomic.AtomicBoolean(true);
        pushes.refuseWhen(name -> protectedNow.get());
        try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            udp.setSoTimeout(5000);
            PushConfig config = new PushConfig("udp://127.0.0.1:" + udp.getLocalPort(), 5, 0, false, 0);
            pushes.apply("cam1", List.of(config), false);
            PushInfo refused = pushes.infos("cam1").get(0);
            assertEquals("error", refused.status());
            assertTrue(refused.error().contains("DRM-protected"), refused.error());
            Thread.sleep(300);
            assertTrue(events.stream().noneMatch(e -> e.type().equals(org.openstreamer.connector.api.MediaEventType.PUSH_STARTED.wireName())));
            protectedNow.set(false);
            pushes.apply("cam1", List.of(config), false);
            udp.receive(new DatagramPacket(new byte[2048], 2048)); // it runs now
        }
    }
}
