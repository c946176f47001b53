package org.openstreamer.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code on_publish} end to end, against a small backend inside the test: it lets publishers in,
 * refuses those whose name says {@code denied} with a reason, and takes 2.5 s over those whose
 * name says {@code slow}. SRT, RTMP and HTTP MPEG-TS publishers are asked about with the
 * reference's fields; refused ones get their protocol's refusal and create no stream; a slow
 * backend for one stream does not hold up another stream's publisher.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(64)
class OnPublishIT {

    private static final String HOST = "127.0.0.1";
    private static final int RTMP_PORT = 1935 + Integer.getInteger("it.port.offset", 100);

    private final List<Process> processes = new ArrayList<>();
    private final List<JsonObject> asked = new CopyOnWriteArrayList<>();
    private HttpServer backend;
    private ExecutorService backendThreads;
    private String onPublish;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @BeforeEach
    void startBackend() throws IOException {
        backend = HttpServer.create(new InetSocketAddress(HOST, 0), 0);
        backendThreads = Executors.newCachedThreadPool();
        backend.setExecutor(backendThreads);
        backend.createContext("/publish", this::decide);
        backend.start();
        onPublish = "http://" + HOST + ":" + backend.getAddress().getPort() + "/publish";
    }

    @AfterEach
    void cleanUp() throws Exception {
        processes.forEach(MediaTools::stop);
        backend.stop(0);
        backendThreads.shutdownNow();
        ConfigApi.cleanUp();
    }

    private void decide(HttpExchange e) throws IOException {
        JsonObject request = ConfigApi.json(new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        asked.add(request);
        String name = request.getString("name", "");
        int status = 200;
        String body = "";
        if (name.contains("denied")) {
            status = 403;
            body = "no publishing for " + name;
        } else if (name.contains("slow")) {
            try {
                Thread.sleep(2500);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        e.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        e.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = e.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void srtPublishersAreAskedASlowBackendHoldsUpNoOtherStreamAndADenialIsSeen() throws Exception {
        createStream("it-op-srt-slow", 20601);
        createStream("it-op-srt-ok", 20602);
        createStream("it-op-srt-denied", 20603);
        long since = lastEventId();

        publish("srt://" + HOST + ":20601?streamid=#!::m=publish,token=slow-token");
        Thread.sleep(300); // its backend call is under way: the next publisher must not wait for it
        long start = System.nanoTime();
        publish("srt://" + HOST + ":20602?streamid=#!::m=publish,token=ok-token");
        assertTrue(Deployments.eventually(Duration.ofSeconds(10), () -> started("it-op-srt-ok", since)),
                "the allowed SRT publisher goes live");
        long okMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(okMillis < 2000, "the allowed publisher waited " + okMillis + " ms behind the slow backend");
        assertTrue(!started("it-op-srt-slow", since), "the slow stream's publisher is held until its backend answers");
        assertTrue(Deployments.eventually(Duration.ofSeconds(10), () -> started("it-op-srt-slow", since)),
                "the slow stream's publisher goes live once its backend says 200");

        JsonObject ok = askedAbout("it-op-srt-ok");
        assertEquals("srt", ok.getString("proto"));
        assertEquals("it-op-srt-ok", ok.getString("location"));
        assertEquals(HOST, ok.getString("ip"));
        assertEquals("ok-token", ok.getJsonObject("args").getString("token"), ok.toString());

        // Let in, then closed once the backend refuses; the refusal is recorded with code 1403 and the reason.
        SrtRefusal.assertRejected("srt://" + HOST + ":20603", 20603, 1403, "no publishing for it-op-srt-denied",
                "denied by on_publish", processes);
        // Trying again at once: the remembered denial rejects the handshake itself.
        SrtRefusal.assertRejectedByHandshake("srt://" + HOST + ":20603", "denied again", processes);
        assertEquals(1, asked.stream().filter(r -> r.getString("name").equals("it-op-srt-denied")).count(),
                "the remembered denial is not asked again");
        assertEquals(0, ConfigApi.count("SELECT count(*) FROM events WHERE stream = 'it-op-srt-denied' AND id > ?", since),
                "a refused publisher leaves no events of its stream");
        assertTrue(processes.get(1).isAlive(), "the allowed publisher kept going");
        assertTrue(Http.get("/it-op-srt-ok/index.m3u8").statusCode() == 200);
    }

    @Test
    void rtmpAndHttpPublishersToAPublishLocationAreAskedAndRefusedWithTheReason() throws Exception {
        HttpResponse<String> location = ConfigApi.admin("PUT", PrefixApiIT.LIVE + "it-opchats",
                "{\"on_publish\":\"" + onPublish + "\",\"segment_duration\":2,\"segment_count\":3}");
        assertEquals(201, location.statusCode(), location.body());
        long since = lastEventId();

        // RTMP: refused with NetStream.Publish.Denied, ffmpeg fails, the reason is recorded.
        Path log = Files.createTempFile("on-publish-rtmp-", ".log");
        Process denied = MediaTools.publishFlv("rtmp://" + HOST + ":" + RTMP_PORT + "/it-opchats/denied-room?token=r0", log);
        processes.add(denied);
        assertTrue(denied.waitFor(15, TimeUnit.SECONDS), "the denied RTMP publisher was turned away");
        String said = Files.readString(log, StandardCharsets.UTF_8);
        assertNotEquals(0, denied.exitValue(), said);
        assertTrue(said.contains("no publishing for it-opchats/denied-room"), "ffmpeg shows the reason: " + said);
        assertEquals(1, ConfigApi.count("SELECT count(*) FROM events WHERE type = 'connection_rejected' AND id > ?"
                + " AND data->>'protocol' = 'rtmp' AND (data->>'code')::int = 403"
                + " AND data->>'reason' = 'refused by the on_publish backend: no publishing for it-opchats/denied-room'", since));

        // RTMP allowed: live, and the backend got the reference's fields.
        processes.add(MediaTools.publishFlv("rtmp://" + HOST + ":" + RTMP_PORT + "/it-opchats/room2?token=r2",
                Files.createTempFile("on-publish-rtmp-", ".log")));
        assertTrue(Deployments.eventually(Duration.ofSeconds(15), () -> started("it-opchats/room2", since)), "RTMP publisher live");
        JsonObject rtmp = askedAbout("it-opchats/room2");
        assertEquals("it-opchats", rtmp.getString("location"));
        assertEquals("rtmp", rtmp.getString("proto"));
        assertEquals(HOST, rtmp.getString("ip"));
        assertEquals("r2", rtmp.getJsonObject("args").getString("token"));

        // HTTP MPEG-TS: 403 with the JSON error; allowed, the body is taken.
        byte[] small = Arrays.copyOf(Files.readAllBytes(MediaTools.fixture()), 188 * 1000);
        HttpResponse<String> refused = put("/it-opchats/denied-http/mpegts?token=h0", small);
        assertEquals(403, refused.statusCode(), refused.body());
        JsonObject error = ConfigApi.json(refused.body());
        assertEquals("publish_denied", error.getString("error"), refused.body());
        assertTrue(refused.body().contains("no publishing for it-opchats/denied-http"), refused.body());
        HttpResponse<String> taken = put("/it-opchats/http-ok/mpegts?token=h1", small);
        assertEquals(204, taken.statusCode(), taken.body());
        JsonObject http = askedAbout("it-opchats/http-ok");
        assertEquals("mpegts", http.getString("proto"));
        assertEquals("h1", http.getJsonObject("args").getString("token"));
        assertTrue(started("it-opchats/http-ok", since));

        for (String refusedName : List.of("it-opchats/denied-room", "it-opchats/denied-http")) {
            assertEquals(0, ConfigApi.count("SELECT count(*) FROM events WHERE stream = ? AND id > ?", refusedName, since),
                    refusedName + ": a refused publisher leaves no events of its stream");
            assertEquals(404, Http.get("/" + refusedName + "/index.m3u8").statusCode());
        }
    }

    private void createStream(String name, int port) throws Exception {
        HttpResponse<String> r = ConfigApi.putStream(name, "{\"inputs\":[{\"url\":\"publish://\"}],\"on_publish\":\""
                + onPublish + "\",\"srt_publish\":{\"port\":" + port + "},\"segment_duration\":2}");
        assertEquals(201, r.statusCode(), r.body());
    }

    private void publish(String url) throws Exception {
        processes.add(MediaTools.publish(url));
    }

    private JsonObject askedAbout(String name) {
        JsonObject found = asked.stream().filter(r -> name.equals(r.getString("name", null))).findFirst().orElse(null);
        assertNotNull(found, name + " was not asked about: " + asked);
        return found;
    }

    private static boolean started(String stream, long since) throws Exception {
        return ConfigApi.count("SELECT count(*) FROM events WHERE type = 'publish_started' AND stream = ? AND id > ?",
                stream, since) > 0;
    }

    private static long lastEventId() throws Exception {
        return ConfigApi.count("SELECT coalesce(max(id), 0) FROM events");
    }

    private static HttpResponse<String> put(String path, byte[] body) throws Exception {
        return Http.send(HttpRequest.newBuilder(Http.uri(path)).version(HttpClient.Version.HTTP_1_1)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
