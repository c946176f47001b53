package org.openstreamer.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstreamer.it.ConfigApi.STREAMS;
import static org.openstreamer.it.ConfigApi.admin;
import static org.openstreamer.it.ConfigApi.assertError;
import static org.openstreamer.it.ConfigApi.putStream;

/**
 * {@code POST /streams/NAME/restart}, {@code POST /streams/NAME/switch_source?url=} and
 * {@code GET /streams/NAME/health} on names with slashes, without and with a live SRT publisher
 * (Debian's ffmpeg on loopback UDP ports 24001-24002), and the live stats of {@code GET /streams/NAME}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(22)
class StreamOperationsIT {

    static final String CAM = "it-ops/live/cam1";
    static final String CAM_INPUTS = "{\"inputs\":[{\"url\":\"publish://\"},{\"url\":\"udp://127.0.0.1:21234\",\"priority\":2}]}";
    private final List<Process> processes = new ArrayList<>();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @AfterEach
    void cleanUp() throws Exception {
        processes.forEach(MediaTools::stop);
        ConfigApi.cleanUp();
    }

    static HttpResponse<String> post(String path) throws Exception {
        return admin("POST", STREAMS + path, null);
    }

    /** The newest event of {@code type}; an empty object while there is none (events are recorded asynchronously). */
    static JsonObject latestEvent(String type) throws Exception {
        jakarta.json.JsonArray events = Http.array(Http.admin("/streamer/api/v3/events?limit=1&type=" + type));
        return events.isEmpty() ? jakarta.json.JsonValue.EMPTY_JSON_OBJECT : events.getJsonObject(0);
    }

    @Test
    void operationsOnAStreamWithoutPublisher() throws Exception {
        assertEquals(201, putStream(CAM, CAM_INPUTS).statusCode());

        HttpResponse<String> health = admin("GET", STREAMS + CAM + "/health", null);
        assertEquals(424, health.statusCode(), health.body());
        assertEquals(ConfigApi.json("{\"name\":\"" + CAM + "\",\"alive\":false}"), Http.object(health));

        JsonObject stats = Http.object(admin("GET", STREAMS + CAM, null)).getJsonObject("stats");
        assertFalse(stats.getBoolean("alive"), stats.toString());
        assertTrue(stats.getBoolean("running"), "a static stream runs while it waits: " + stats);
        assertEquals("waiting", stats.getString("status"));
        assertEquals(0, stats.getInt("client_count"));

        HttpResponse<String> switched = post(CAM + "/switch_source?url=udp://127.0.0.1:21234");
        assertEquals(200, switched.statusCode(), switched.body());
        JsonObject s = Http.object(switched);
        assertEquals(1, s.getInt("position"));
        assertEquals(ConfigApi.json("{\"url\":\"udp://127.0.0.1:21234\",\"priority\":2,\"source_timeout\":60}"),
                s.getJsonObject("active_input"));
        JsonObject event = latestEvent("source_switch");
        assertEquals(CAM, event.getString("stream"));
        assertEquals("udp://127.0.0.1:21234", event.getJsonObject("data").getString("url"));

        assertError(post(CAM + "/switch_source?url=udp://239.0.0.2:1"), 400, "invalid_value", "url");
        assertError(post(CAM + "/switch_source"), 400, "missing_value", "url");

        HttpResponse<String> restarted = post(CAM + "/restart");
        assertEquals(200, restarted.statusCode(), restarted.body());
        assertEquals(ConfigApi.json("{\"name\":\"" + CAM + "\",\"restarted\":true}"), Http.object(restarted));
        assertEquals(CAM, latestEvent("stream_restarted").getString("stream"));

        for (String path : List.of("it-ops/none/restart", "it-ops/none/switch_source?url=publish://")) {
            assertError(post(path), 404, "not_found", null);
        }
        assertError(admin("GET", STREAMS + "it-ops/none/health", null), 404, "not_found", null);
    }

    @Test
    void operationPathsWinOverStreamNamesAndNoNameEndsWithOne() throws Exception {
        assertEquals(201, putStream(CAM, CAM_INPUTS).statusCode());
        assertEquals(CAM, Http.object(admin("GET", STREAMS + CAM, null)).getString("name"));
        assertEquals(CAM, Http.object(admin("GET", STREAMS + CAM + "/health", null)).getString("name"));
        for (String op : List.of("health", "restart", "switch_source")) {
            assertError(putStream(CAM + "/" + op, "{}"), 400, "invalid_value", "name");
        }
        // One segment is a plain name: only "NAME/restart" is an operation.
        assertEquals(201, putStream("it-ops/restart-cam", "{}").statusCode());
        assertEquals(200, admin("GET", STREAMS + "it-ops/restart-cam", null).statusCode());

        ConfigApi.createViewer();
        assertEquals(424, Http.get(STREAMS + CAM + "/health", ConfigApi.VIEWER, ConfigApi.VIEWER_PASSWORD).statusCode());
        assertError(Http.send("POST", STREAMS + CAM + "/restart", ConfigApi.VIEWER, ConfigApi.VIEWER_PASSWORD, null),
                403, "forbidden", null);
        assertError(Http.send("POST", STREAMS + CAM + "/restart", null, null, null), 401, "unauthorized", null);
    }

    @Test
    void healthFollowsALivePublisherAndRestartDropsOnlyThatOne() throws Exception {
        assertEquals(201, putStream(CAM, "{\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":24001}}").statusCode());
        assertEquals(201, putStream("it-ops/live/cam2", "{\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":24002}}").statusCode());
        processes.add(MediaTools.publish("srt://127.0.0.1:24001"));
        processes.add(MediaTools.publish("srt://127.0.0.1:24002"));
        awaitHealth(CAM, 200);
        awaitHealth("it-ops/live/cam2", 200);

        JsonObject health = Http.object(admin("GET", STREAMS + CAM + "/health", null));
        assertTrue(health.getBoolean("alive"));
        assertTrue(health.getJsonNumber("last_frame_age_ms").longValue() < 1000, health.toString());
        JsonObject stats = Http.object(admin("GET", STREAMS + CAM, null)).getJsonObject("stats");
        assertTrue(stats.getBoolean("alive") && stats.getBoolean("running"), stats.toString());
        assertTrue(stats.getString("publisher").startsWith("127.0.0.1:"), stats.toString());
        assertTrue(Deployments.eventually(Duration.ofSeconds(10), () -> Http.object(admin("GET", STREAMS + CAM, null))
                .getJsonObject("stats").getJsonNumber("input_kbit").longValue() > 500), "input_kbit measured");
        assertEquals(640, Http.object(admin("GET", STREAMS + CAM, null)).getJsonObject("stats")
                .getJsonObject("media_info").getInt("width"));
        // The server's figures add up the streams: two publishers in, and a viewer fetching segments out.
        assertTrue(Deployments.eventually(Duration.ofSeconds(10), () -> Http.object(admin("GET", "/streamer/api/v3/server", null))
                .getJsonNumber("input_kbit").longValue() > 1000), "input_kbit of both publishers");
        assertTrue(Deployments.eventually(Duration.ofSeconds(30), () -> {
            HttpResponse<String> playlist = Http.get("/" + CAM + "/index.m3u8");
            // 404 until the first segment is cut, which may be after the publisher is alive
            List<String> segments = playlist.statusCode() == 200 ? MediaTools.segmentUris(playlist.body()) : List.of();
            if (!segments.isEmpty()) {
                Http.send(java.net.http.HttpRequest.newBuilder(Http.uri("/" + CAM + "/" + segments.get(segments.size() - 1))).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
            }
            JsonObject server = Http.object(admin("GET", "/streamer/api/v3/server", null));
            JsonObject camStats = Http.object(admin("GET", STREAMS + CAM, null)).getJsonObject("stats");
            return server.getJsonNumber("output_kbit").longValue() > 0 && camStats.getJsonNumber("output_kbit").longValue() > 0;
        }), "output_kbit follows the segments served");

        JsonObject restarted = Http.object(post(CAM + "/restart"));
        assertEquals(stats.getString("publisher"), restarted.getString("publisher"));
        assertEquals(424, admin("GET", STREAMS + CAM + "/health", null).statusCode(), "the pipeline starts afresh");
        assertTrue(Deployments.eventually(Duration.ofSeconds(10), () -> {
            JsonObject stopped = latestEvent("publish_stopped");
            return CAM.equals(stopped.getString("stream", null))
                    && "stream restarted".equals(stopped.getJsonObject("data").getString("reason"));
        }), "the publisher was disconnected");
        assertEquals(200, admin("GET", STREAMS + "it-ops/live/cam2/health", null).statusCode(), "the other stream flows on");
        assertEquals(0, ConfigApi.count("SELECT count(*) FROM events WHERE type = 'publish_stopped' AND stream = 'it-ops/live/cam2'"));

        processes.add(MediaTools.publish("srt://127.0.0.1:24001"));
        awaitHealth(CAM, 200);
    }

    @Test
    void anInputTheEngineCannotRunYetIsAnErrorWithItsReasonLoggedOnce() throws Exception {
        String rtp = "it-ops/rtp-cam";
        assertEquals(201, putStream(rtp, "{\"inputs\":[{\"url\":\"rtp://127.0.0.1:8554/cam\"}]}").statusCode());
        assertEquals(201, putStream("it-ops/mixed", "{\"inputs\":[{\"url\":\"rtp://127.0.0.1:9/cam\"},{\"url\":\"publish://\"}]}")
                .statusCode());
        JsonObject stats = Http.object(admin("GET", STREAMS + rtp, null)).getJsonObject("stats");
        assertEquals("error", stats.getString("status"), stats.toString());
        assertFalse(stats.getBoolean("running"));
        assertTrue(stats.getString("error").contains("input scheme rtp is not supported yet"), stats.toString());
        JsonObject mixed = Http.object(admin("GET", STREAMS + "it-ops/mixed", null)).getJsonObject("stats");
        assertEquals("waiting", mixed.getString("status"), "a publisher may still feed it: " + mixed);
        assertTrue(mixed.getString("error").contains("input scheme rtp"), mixed.toString());
        assertTrue(Http.object(admin("GET", "/streamer/api/v3/streams?status=error", null)).getJsonArray("streams")
                .getValuesAs(JsonObject.class).stream()
                .anyMatch(o -> rtp.equals(o.getString("name"))), "the status filter knows error");

        // Another change pushes the configuration again: the reason is logged once, not once per push.
        assertEquals(201, putStream("it-ops/other", "{\"inputs\":[{\"url\":\"publish://\"}]}").statusCode());
        assertEquals(1, ConfigApi.serverLogLines("Stream " + rtp + ": input scheme rtp is not supported yet"));
    }

    @Test
    void aPushTheEngineCannotRunYetSaysWhyAndIsLoggedOnce() throws Exception {
        String name = "it-ops/pushing";
        String disabled = "srt://127.0.0.1:9/disabled-push";
        assertEquals(201, putStream(name, "{\"inputs\":[{\"url\":\"publish://\"}],\"pushes\":["
                + "{\"url\":\"m4s://cdn.example.com/live/%s\"},{\"url\":\"" + disabled + "\",\"disabled\":true}]}").statusCode());
        JsonObject stream = Http.object(admin("GET", STREAMS + name, null));
        JsonObject stats = stream.getJsonObject("stats");
        assertEquals("waiting", stats.getString("status"), "the stream itself runs: " + stats);
        List<JsonObject> pushes = stats.getJsonArray("pushes").getValuesAs(JsonObject.class);
        assertEquals(2, pushes.size(), stats.toString());
        assertEquals("m4s://cdn.example.com/live/%s", pushes.get(0).getString("url"));
        assertEquals("error", pushes.get(0).getString("status"), pushes.toString());
        assertTrue(pushes.get(0).getString("error").startsWith("push scheme m4s is not supported yet"), pushes.toString());
        assertEquals("disabled", pushes.get(1).getString("status"), pushes.toString());
        assertFalse(pushes.get(1).containsKey("error"), pushes.toString());
        assertEquals(200, putStream(name, stream.toString()).statusCode(), "GET's answer, stats included, is a valid PUT");

        // Another change pushes the configuration again: the reason is logged once, a disabled push not at all.
        assertEquals(201, putStream("it-ops/after-push", "{\"inputs\":[{\"url\":\"publish://\"}]}").statusCode());
        assertEquals(1, ConfigApi.serverLogLines("Stream " + name + ": push scheme m4s is not supported yet"));
        assertEquals(0, ConfigApi.serverLogLines(disabled));
    }

    private static void awaitHealth(String name, int status) throws Exception {
        String[] last = {null};
        assertTrue(Deployments.eventually(Duration.ofSeconds(30), () -> {
            HttpResponse<String> r = admin("GET", STREAMS + name + "/health", null);
            last[0] = r.statusCode() + " " + r.body();
            return r.statusCode() == status;
        }), () -> name + " health: " + last[0]);
    }
}
