package org.openstreamer.it;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstreamer.it.ConfigApi.admin;
import static org.openstreamer.it.ConfigApi.assertError;

/** A notify sink configured through the API receives the server's events, signed, at a receiver in this test. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NotifyIT {

    private static final String SINK = "/streamer/api/v3/notify/it-hooks";
    private static final String KEY = "it-sign-key";

    private record Post(byte[] body, String signature) {
    }

    private HttpServer receiver;
    private final BlockingQueue<Post> posts = new LinkedBlockingQueue<>();
    /** Events of a post not yet looked at. */
    private final ArrayDeque<JsonObject> pending = new ArrayDeque<>();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/events", exchange -> {
            posts.add(new Post(exchange.getRequestBody().readAllBytes(), exchange.getRequestHeaders().getFirst("X-Signature")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() throws Exception {
        admin("DELETE", SINK, null);
        admin("DELETE", ConfigApi.STREAMS + "it-notify-cam", null);
        admin("DELETE", ConfigApi.STREAMS + "it-notify-cam2", null);
        admin("DELETE", ConfigApi.STREAMS + "it-notify-srt", null);
        receiver.stop(0);
    }

    @Test
    void aConfiguredSinkReceivesAStreamChangeSignedWithItsKey() throws Exception {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/events";
        HttpResponse<String> created = admin("PUT", SINK, "{\"sink\":\"" + url + "\","
                + "\"only\":[{\"event\":\"stream_reconfigured\",\"media\":\"it-notify-cam\"}],\"sign_key\":\"" + KEY + "\"}");
        assertEquals(201, created.statusCode(), created.body());

        assertEquals(201, ConfigApi.putStream("it-notify-cam", "{\"publish_enabled\":true}").statusCode());

        Post post = posts.poll(20, TimeUnit.SECONDS);
        assertNotNull(post, "no event reached the receiver");
        byte[] signed = (new String(post.body(), StandardCharsets.UTF_8) + KEY).getBytes(StandardCharsets.UTF_8);
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(signed)), post.signature());
        JsonArray events = ConfigApi.json("{\"e\":" + new String(post.body(), StandardCharsets.UTF_8) + "}").getJsonArray("e");
        JsonObject event = events.getJsonObject(0);
        assertEquals("stream_reconfigured", event.getString("event"), events.toString());
        assertEquals("it-notify-cam", event.getString("media"));
        assertEquals("created", event.getString("change"));
        assertTrue(event.getJsonNumber("utc").longValue() > 0);

        // The receiver has the batch a moment before the sink has its answer and counts it.
        JsonObject stats = Http.object(admin("GET", SINK, null)).getJsonObject("stats");
        for (int i = 0; i < 50 && stats.getInt("sent") == 0; i++) {
            Thread.sleep(100);
            stats = Http.object(admin("GET", SINK, null)).getJsonObject("stats");
        }
        assertEquals(1, stats.getInt("sent"), stats.toString());
        assertEquals(0, stats.getInt("dropped"));
    }

    @Test
    void aPublisherStartingAndStoppingReachesTheReceiverInOrder() throws Exception {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/events";
        assertEquals(201, admin("PUT", SINK, "{\"sink\":\"" + url + "\",\"only\":[{\"event\":[\"publish_started\","
                + "\"publish_stopped\"],\"media\":\"it-notify-srt\"}],\"sign_key\":\"" + KEY + "\"}").statusCode());
        assertEquals(201, ConfigApi.putStream("it-notify-srt",
                "{\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":20190}}").statusCode());

        Process publisher = MediaTools.publish("srt://127.0.0.1:20190");
        JsonObject started;
        try {
            started = nextEvent();
            assertEquals("publish_started", started.getString("event"), started.toString());
        } finally {
            MediaTools.stop(publisher);
        }
        JsonObject stopped = nextEvent();
        assertEquals("publish_stopped", stopped.getString("event"), stopped.toString());
        assertEquals("it-notify-srt", started.getString("media"));
        assertEquals(started.getString("peer"), stopped.getString("peer"), "the same publisher");
        assertTrue(stopped.getJsonNumber("utc").longValue() >= started.getJsonNumber("utc").longValue());
    }

    /** The next event posted (signature checked), whether it came alone or in a batch. */
    private JsonObject nextEvent() throws Exception {
        if (pending.isEmpty()) {
            Post post = posts.poll(30, TimeUnit.SECONDS);
            assertNotNull(post, "no event reached the receiver");
            byte[] signed = (new String(post.body(), StandardCharsets.UTF_8) + KEY).getBytes(StandardCharsets.UTF_8);
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(signed)), post.signature());
            ConfigApi.json("{\"e\":" + new String(post.body(), StandardCharsets.UTF_8) + "}").getJsonArray("e")
                    .forEach(v -> pending.add(v.asJsonObject()));
        }
        return pending.poll();
    }

    @Test
    void eventsTheRulesLeaveOutAreNotSent() throws Exception {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/events";
        assertEquals(201, admin("PUT", SINK, "{\"sink\":\"" + url + "\",\"except\":[{\"media\":\"*\"}]}").statusCode());
        assertEquals(201, ConfigApi.putStream("it-notify-cam", "{\"publish_enabled\":true}").statusCode());
        // An import records stream_reconfigured (a stream event: excepted) and config_imported (no media).
        HttpResponse<String> imported = ConfigApi.adminTyped("POST", "/streamer/api/v3/config/import", "text/plain",
                "stream it-notify-cam2 {\n  publish_enabled;\n}\n");
        assertEquals(200, imported.statusCode(), imported.body());

        Post post = posts.poll(20, TimeUnit.SECONDS);
        assertNotNull(post, "the server-wide event did not arrive");
        JsonArray events = ConfigApi.json("{\"e\":" + new String(post.body(), StandardCharsets.UTF_8) + "}").getJsonArray("e");
        assertEquals("config_imported", events.getJsonObject(0).getString("event"), "the stream events came first: " + events);
        for (int i = 0; i < events.size(); i++) {
            assertFalse(events.getJsonObject(i).containsKey("media"), events.toString());
        }
        assertEquals(null, post.signature(), "no sign_key, no signature");
    }

    @Test
    void badDefinitionsAreRefusedAndViewersDoNotSeeTheKey() throws Exception {
        assertError(admin("PUT", SINK, "{\"sink\":\"/etc/handler.lua\"}"), 400, "invalid_value", "sink");
        assertError(admin("PUT", SINK, "{\"sink\":\"http://a/\",\"buffer\":false}"), 400, "unknown_key", "buffer");
        assertError(admin("PUT", SINK, "{\"sink\":"), 400, "invalid_json", null);
        assertError(admin("GET", SINK, null), 404, "not_found", null);

        assertEquals(201, admin("PUT", SINK, "{\"sink\":\"http://127.0.0.1:9/\",\"sign_key\":\"" + KEY + "\"}").statusCode());
        ConfigApi.createViewer();
        try {
            HttpResponse<String> seen = Http.get(SINK, ConfigApi.VIEWER, ConfigApi.VIEWER_PASSWORD);
            assertEquals(200, seen.statusCode(), seen.body());
            assertFalse(seen.body().contains(KEY), seen.body());
            assertTrue(Http.object(admin("GET", SINK, null)).getString("sign_key").equals(KEY));
        } finally {
            try (var c = TestDatabase.connect(); var st = c.createStatement()) {
                st.executeUpdate("DELETE FROM users WHERE username = '" + ConfigApi.VIEWER + "'");
            }
        }
        assertEquals(204, admin("DELETE", SINK, null).statusCode());
        assertError(admin("DELETE", SINK, null), 404, "not_found", null);
    }
}
