package org.openstreamer.connector.push;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.PushConfig;
import org.openstreamer.connector.ingest.tshttp.TlsVerifyTest;
import org.openstreamer.connector.api.PushInfo;
import org.openstreamer.connector.buffer.HubDriver;
import org.openstreamer.connector.buffer.LiveStream;
import org.openstreamer.connector.packager.hls.HlsSegmenter;
import org.openstreamer.connector.packager.hls.SegmentFiles;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HLS upload to a local HTTP server taking {@code PUT}, fed by a real segmenter. */
@Timeout(30)
class HlsUploaderTest {

    @TempDir
    Path memory;
    private final BlockingQueue<MediaEvent> events = new LinkedBlockingQueue<>();
    private final Map<String, byte[]> stored = new ConcurrentHashMap<>();
    private volatile int status = 201;
    private HttpServer server;
    private LiveStream hub;
    private HubDriver driver;
    private HlsSegmenter segmenter;
    private Pushes pushes;
    private Thread thread;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::store);
        server.start();
        hub = new LiveStream("cam1");
        segmenter = new HlsSegmenter(hub, 2, 3, new org.openstreamer.connector.buffer.DelayRecorder(),
                SegmentFiles.of(memory.toString()));
        hub.addConsumer(segmenter);
        driver = new HubDriver(hub);
        driver.startPublisher();
        driver.play(1);
        pushes = new Pushes(n -> hub, n -> segmenter, events::add);
        thread = new Thread(pushes, "pushes");
        thread.setDaemon(true);
        thread.start();
    }

    @AfterEach
    void stop() throws Exception {
        pushes.stop();
        thread.join(2000);
        server.stop(0);
    }

    private void store(com.sun.net.httpserver.HttpExchange exchange) throws java.io.IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        int answer = "PUT".equals(exchange.getRequestMethod()) ? status : 405;
        if (answer / 100 == 2) {
            stored.put(exchange.getRequestURI().getPath(), body);
        }
        exchange.sendResponseHeaders(answer, -1);
        exchange.close();
    }

    private String url() {
        return "hls://127.0.0.1:" + server.getAddress().getPort() + "/ingest/%s";
    }

    @Test
    void eachSegmentThenThePlaylistListingItIsPut() throws Exception {
        pushes.apply("cam1", List.of(new PushConfig(url(), 1, 0, false, 0)), false);
        Thread.sleep(300); // the push attaches to the segmenter on its next tick
        driver.play(9);
        next("push_started");
        await(() -> stored.keySet().stream().filter(k -> k.endsWith(".ts")).count() >= 3
                && stored.containsKey("/ingest/cam1/index.m3u8"));
        String playlist = new String(stored.get("/ingest/cam1/index.m3u8"), StandardCharsets.UTF_8);
        assertTrue(playlist.startsWith("#EXTM3U"), playlist);
        for (String uri : playlist.lines().filter(l -> l.endsWith(".ts")).toList()) {
            byte[] segment = stored.get("/ingest/cam1/" + uri);
            assertTrue(segment != null, "the playlist lists only uploaded segments: " + uri + " of " + stored.keySet());
            assertEquals(0x47, segment[0] & 0xFF);
            assertEquals(0, segment.length % 188);
        }
        PushInfo info = pushes.infos("cam1").get(0);
        assertEquals("running", info.status(), info.toString());
        assertTrue(info.bytes() > 0, info.toString());
    }

    @Test
    void aRefusedUploadIsAFailureAndItResumesAfterRetryTimeout() throws Exception {
        status = 403;
        pushes.apply("cam1", List.of(new PushConfig(url(), 1, 0, false, 0)), false);
        Thread.sleep(300);
        driver.play(3);
        MediaEvent failed = next("push_failed");
        assertTrue(((String) failed.data().get("reason")).contains("403"), failed.toString());
        assertEquals(1, pushes.infos("cam1").get(0).failures());
        status = 201;
        Thread.sleep(1300); // retry_timeout, then it attaches again
        driver.play(4);
        next("push_started");
        await(() -> stored.containsKey("/ingest/cam1/index.m3u8"));
        assertEquals(0, pushes.infos("cam1").get(0).failures(), "a working upload starts the count again");
    }

    @Test
    void retryLimitRefusalsInARowEndInError() throws Exception {
        status = 500;
        pushes.apply("cam1", List.of(new PushConfig(url(), 1, 2, false, 0)), false);
        for (int i = 0; i < 2; i++) {
            Thread.sleep(i == 0 ? 300 : 1300);
            driver.play(3);
        }
        MediaEvent last = next("push_failed");
        last = last.data().get("failures").equals(2) ? last : next("push_failed");
        assertEquals(0, last.data().get("retry_in"), last.toString());
        assertEquals("error", pushes.infos("cam1").get(0).status());
        assertTrue(events.stream().noneMatch(e -> e.type().equals("push_started")), "nothing was uploaded: " + events);
    }

    @Test
    void aSelfSignedHttpsDestinationIsRefusedUnlessTlsVerifyIsFalse() throws Exception {
        HttpsServer tls = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        tls.setHttpsConfigurator(new HttpsConfigurator(TlsVerifyTest.selfSigned("push")));
        tls.createContext("/", this::store);
        tls.start();
        try {
            String url = "hlss://127.0.0.1:" + tls.getAddress().getPort() + "/tls/%s";
            pushes.apply("cam1", List.of(new PushConfig(url, 1, 0, false, 0)), false);
            Thread.sleep(300);
            driver.play(3);
            MediaEvent failed = next("push_failed");
            String reason = (String) failed.data().get("reason");
            assertTrue(reason.startsWith("TLS handshake with 127.0.0.1:" + tls.getAddress().getPort() + " failed: PKIX path building failed")
                    && reason.endsWith("(the option tls_verify=false accepts a certificate that cannot be verified)"), reason);
            assertTrue(stored.keySet().stream().noneMatch(k -> k.startsWith("/tls/")), stored.keySet().toString());

            pushes.apply("cam1", List.of(new PushConfig(url, 1, 0, false, 0, false)), false);
            Thread.sleep(300);
            driver.play(4);
            next("push_started");
            await(() -> stored.containsKey("/tls/cam1/index.m3u8"));
        } finally {
            tls.stop(0);
        }
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
}
