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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstreamer.it.ConfigApi.CONFIG;
import static org.openstreamer.it.ConfigApi.admin;
import static org.openstreamer.it.ConfigApi.assertError;
import static org.openstreamer.it.ConfigApi.count;
import static org.openstreamer.it.ConfigApi.json;
import static org.openstreamer.it.ConfigApi.putStream;
import static org.openstreamer.it.ConfigApi.srtPorts;

/**
 * {@code /streamer/api/v3/config}: the server-wide settings (global SRT ports, SRT listener
 * ranges, config_external), their validation, and SRT ports shared between the server and streams.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(30)
class ServerConfigApiIT {

    /** The reference's example call: a publish port range and a configuration backend. */
    static final String REFERENCE_EXAMPLE = "{\"listeners\": {\"srt\": [ {\"mode\":\"publish\",\"ports\":{\"first\":2345,"
            + "\"last\":12344}}]},\"config_external\": \"http://127.0.0.1:12345/config_backend/\"}";

    static final String GLOBAL_PORTS = "{\"srt\":{\"port\":31998},\"srt_publish\":{\"port\":31999,"
            + "\"passphrase\":\"global-secret\",\"latency\":250},\"srt_play\":{\"port\":31997}}";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @AfterEach
    void cleanUp() throws Exception {
        ConfigApi.cleanUp();
    }

    private static JsonObject config() throws Exception {
        HttpResponse<String> r = Http.admin(CONFIG);
        assertEquals(200, r.statusCode(), r.body());
        return Http.object(r);
    }

    @Test
    void aFreshServerHasNoGlobalPortsNoListenersAndNoBackend() throws Exception {
        assertEquals(json("{\"listeners\":{\"srt\":[]}}"), config());
    }

    @Test
    void theReferenceExampleIsStoredAndReturned() throws Exception {
        HttpResponse<String> r = admin("PUT", CONFIG, REFERENCE_EXAMPLE);
        assertEquals(200, r.statusCode(), r.body());
        JsonObject expected = json(REFERENCE_EXAMPLE);
        assertEquals(expected, Http.object(r));
        assertEquals(expected, config());
        assertEquals(1, count("SELECT count(*) FROM server_srt_listeners WHERE mode = 'publish' "
                + "AND first_port = 2345 AND last_port = 12344"));
        assertEquals(1, count("SELECT count(*) FROM server_config WHERE config_external = 'http://127.0.0.1:12345/config_backend/'"));
    }

    @Test
    void globalPortsAreStoredPushedAndReplacedAsAWhole() throws Exception {
        HttpResponse<String> r = admin("PUT", CONFIG, GLOBAL_PORTS);
        assertEquals(200, r.statusCode(), r.body());
        JsonObject expected = json("{\"srt\":{\"port\":31998,\"latency\":120},\"srt_publish\":{\"port\":31999,"
                + "\"passphrase\":\"global-secret\",\"latency\":250},\"srt_play\":{\"port\":31997,\"latency\":120},"
                + "\"listeners\":{\"srt\":[]}}");
        assertEquals(expected, config());
        assertEquals(List.of("31997:-:srt_play", "31998:-:srt", "31999:-:srt_publish"), srtPorts());
        List<String> pushes = ConfigApi.enginePushes();
        assertTrue(pushes.get(pushes.size() - 1).contains("[srt=31998 srt_publish=31999 srt_play=31997]"), pushes.toString());

        // PUT replaces everything: what the body leaves out is cleared.
        assertEquals(200, admin("PUT", CONFIG, REFERENCE_EXAMPLE).statusCode());
        assertEquals(json(REFERENCE_EXAMPLE), config());
        assertEquals(List.of(), srtPorts());
        pushes = ConfigApi.enginePushes();
        assertTrue(pushes.get(pushes.size() - 1).contains("global SRT ports []"), pushes.toString());
    }

    /** PATCH merges into the stored settings (RFC 7396) with either content type, validated like PUT. */
    @Test
    void patchMergesIntoTheSettingsAndIsValidatedLikePut() throws Exception {
        for (String type : List.of("application/merge-patch+json", "application/json")) {
            assertEquals(200, admin("PUT", CONFIG, "{\"srt_publish\":{\"port\":31999,\"passphrase\":\"global-secret\"},"
                    + "\"listeners\":{\"srt\":[{\"mode\":\"publish\",\"ports\":{\"first\":32100,\"last\":32110}}]},"
                    + "\"config_external\":\"http://127.0.0.1:12345/config_backend/\"}").statusCode(), type);
            HttpResponse<String> r = ConfigApi.adminTyped("PATCH", CONFIG, type, "{\"srt_publish\":{\"passphrase\":null},"
                    + "\"srt_play\":{\"port\":31997},\"listeners\":{\"srt\":[{\"mode\":\"publish\",\"ports\":{\"first\":32100,"
                    + "\"last\":32110}},{\"mode\":\"play\",\"ports\":{\"first\":32200,\"last\":32210}}]},\"url_prefix\":\"/cdn\"}");
            assertEquals(200, r.statusCode(), type + ": " + r.body());
            JsonObject expected = json("{\"srt_publish\":{\"port\":31999,\"latency\":120},\"srt_play\":{\"port\":31997,\"latency\":120},"
                    + "\"listeners\":{\"srt\":[{\"mode\":\"publish\",\"ports\":{\"first\":32100,\"last\":32110}},"
                    + "{\"mode\":\"play\",\"ports\":{\"first\":32200,\"last\":32210}}]},"
                    + "\"config_external\":\"http://127.0.0.1:12345/config_backend/\",\"url_prefix\":\"/cdn\"}");
            assertEquals(expected, Http.object(r), type);
            assertEquals(expected, config(), type);
            assertEquals(List.of("31997:-:srt_play", "31999:-:srt_publish"), srtPorts(), type);
            assertEquals(2, count("SELECT count(*) FROM server_srt_listeners"), type);

            // Refused like PUT, and nothing changes.
            assertError(ConfigApi.adminTyped("PATCH", CONFIG, type, "{\"srt_publish\":{\"passphrase\":\"short\"}}"),
                    400, "invalid_value", "srt_publish.passphrase");
            assertError(ConfigApi.adminTyped("PATCH", CONFIG, type, "{\"colour\":1}"), 400, "unknown_key", "colour");
            assertError(ConfigApi.adminTyped("PATCH", CONFIG, type, "[]"), 400, "invalid_json", null);
            assertEquals(201, putStream("it-holder", "{\"srt_play\":{\"port\":31302}}").statusCode(), type);
            assertError(ConfigApi.adminTyped("PATCH", CONFIG, type, "{\"srt\":{\"port\":31302}}"), 409, "port_conflict", "srt.port");
            assertEquals(expected, config(), type + ": the refused patches changed nothing");

            HttpResponse<String> cleared = ConfigApi.adminTyped("PATCH", CONFIG, type,
                    "{\"srt_play\":null,\"config_external\":null,\"url_prefix\":null,\"listeners\":{\"srt\":[]}}");
            assertEquals(200, cleared.statusCode(), type + ": " + cleared.body());
            assertEquals(json("{\"srt_publish\":{\"port\":31999,\"latency\":120},\"listeners\":{\"srt\":[]}}"), config(), type);
            assertEquals(List.of("31302:it-holder:srt_play", "31999:-:srt_publish"), srtPorts(), type);
            assertEquals(204, admin("DELETE", ConfigApi.STREAMS + "it-holder", null).statusCode());
        }
        assertError(ConfigApi.adminTyped("PATCH", CONFIG, "text/plain", "{}"), 415, "unsupported_media_type", null);
    }

    @Test
    void aPortIsEitherAStreamsOrTheServersAndTheConflictNamesTheOwner() throws Exception {
        assertEquals(200, admin("PUT", CONFIG, GLOBAL_PORTS).statusCode());
        String message = assertError(putStream("it-cam1", "{\"srt\":{\"port\":31999}}"), 409, "port_conflict", "srt.port");
        assertTrue(message.contains("31999") && message.contains("server srt_publish listener"), message);
        assertEquals(0, count("SELECT count(*) FROM streams WHERE name = 'it-cam1'"));

        assertEquals(201, putStream("it-holder", "{\"srt_play\":{\"port\":31302}}").statusCode());
        JsonObject before = config();
        String taken = assertError(admin("PUT", CONFIG, "{\"srt\":{\"port\":31998},\"srt_play\":{\"port\":31302}}"),
                409, "port_conflict", "srt_play.port");
        assertTrue(taken.contains("31302") && taken.contains("it-holder"), taken);
        assertEquals(before, config(), "the refused change left the config as it was");

        assertError(admin("PUT", CONFIG, "{\"srt\":{\"port\":31401},\"srt_play\":{\"port\":31401}}"),
                409, "port_conflict", "srt_play.port");
        // A stream's endpoint without a port of its own sets its passphrase for the global ports.
        assertEquals(201, putStream("it-global", "{\"inputs\":[{\"url\":\"publish://\"}],"
                + "\"srt_publish\":{\"passphrase\":\"securePass\"}}").statusCode());
    }

    @Test
    void concurrentClaimsByTheServerAndAStreamLetExactlyOneWin() throws Exception {
        for (int round = 0; round < 4; round++) {
            int port = 31700 + round;
            String stream = "it-race" + round;
            CountDownLatch start = new CountDownLatch(1);
            CompletableFuture<HttpResponse<String>> server = CompletableFuture.supplyAsync(
                    () -> send(start, "PUT", CONFIG, "{\"srt_publish\":{\"port\":" + port + "}}"));
            CompletableFuture<HttpResponse<String>> streamPut = CompletableFuture.supplyAsync(
                    () -> send(start, "PUT", ConfigApi.STREAMS + stream, "{\"srt_publish\":{\"port\":" + port + "}}"));
            start.countDown();
            HttpResponse<String> rs = server.get();
            HttpResponse<String> rt = streamPut.get();
            boolean serverWon = rs.statusCode() == 200;
            assertTrue(serverWon ^ rt.statusCode() == 201, rs.body() + " / " + rt.body());
            assertError(serverWon ? rt : rs, 409, "port_conflict", "srt_publish.port");
            assertEquals(1, count("SELECT count(*) FROM srt_ports WHERE port = ?", port));
            assertEquals(200, admin("PUT", CONFIG, "{}").statusCode());
            admin("DELETE", ConfigApi.STREAMS + stream, null);
        }
    }

    private static HttpResponse<String> send(CountDownLatch start, String method, String path, String body) {
        try {
            start.await();
            return admin(method, path, body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void invalidSettingsAreRefusedWithTheirField() throws Exception {
        Object[][] cases = {
                {"{\"srt\":{\"passphrase\":\"0123456789\"}}", "missing_value", "srt.port"},
                {"{\"srt\":{\"port\":70000}}", "invalid_value", "srt.port"},
                {"{\"srt_publish\":{\"port\":31001,\"passphrase\":\"short\"}}", "invalid_value", "srt_publish.passphrase"},
                {"{\"srt_play\":{\"port\":31001,\"latency\":10}}", "invalid_value", "srt_play.latency"},
                {"{\"listeners\":{\"srt\":[{\"mode\":\"both\",\"ports\":{\"first\":1,\"last\":2}}]}}", "invalid_value", "listeners.srt[0].mode"},
                {"{\"listeners\":{\"srt\":[{\"mode\":\"play\",\"ports\":{\"first\":20,\"last\":10}}]}}", "invalid_value", "listeners.srt[0].ports"},
                {"{\"listeners\":{\"srt\":[{\"mode\":\"play\",\"ports\":{\"first\":0,\"last\":10}}]}}", "invalid_value", "listeners.srt[0].ports"},
                {"{\"listeners\":{\"srt\":[{\"mode\":\"play\",\"ports\":{\"first\":10,\"last\":20}},"
                        + "{\"mode\":\"publish\",\"ports\":{\"first\":20,\"last\":30}}]}}", "invalid_value", "listeners.srt[1].ports"},
                {"{\"listeners\":{\"srt\":[{\"mode\":\"play\"}]}}", "missing_value", "listeners.srt[0].ports"},
                {"{\"listeners\":{\"srt\":[{\"mode\":\"play\",\"ports\":{\"first\":10}}]}}", "missing_value", "listeners.srt[0].ports.last"},
                {"{\"listeners\":{\"srt\":[{\"mode\":\"play\",\"ports\":{\"first\":10,\"last\":20,\"step\":1}}]}}", "unknown_key", "listeners.srt[0].ports.step"},
                {"{\"listeners\":{\"rtsp\":[]}}", "unknown_key", "listeners.rtsp"},
                {"{\"listeners\":[]}", "invalid_type", "listeners"},
                {"{\"config_external\":\"ftp://backend/\"}", "invalid_value", "config_external"},
                {"{\"config_external\":42}", "invalid_type", "config_external"},
                {"{\"http_port\":8080}", "unknown_key", "http_port"},
        };
        List<String> failures = new ArrayList<>();
        for (Object[] c : cases) {
            HttpResponse<String> r = admin("PUT", CONFIG, (String) c[0]);
            JsonObject e = r.body().startsWith("{") ? Http.object(r) : null;
            if (r.statusCode() != 400 || e == null || !c[1].equals(e.getString("error", null))
                    || !c[2].equals(e.getString("field", null))) {
                failures.add(c[0] + " -> " + r.statusCode() + " " + r.body());
            }
        }
        assertEquals(List.of(), failures);
        assertError(admin("PUT", CONFIG, "{\"srt\":"), 400, "invalid_json", null);
        assertEquals(json("{\"listeners\":{\"srt\":[]}}"), config(), "nothing was stored");
    }

    /** The HTTP status of GET /health on {@code port} of 127.0.0.1, or -1 when nothing answers. */
    private static int healthOn(int port) {
        try {
            return Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Test
    void httpListenersOpenAndCloseAtRunTimeAndTheOtherSettingsRoundTrip() throws Exception {
        String body = "{\"listeners\":{\"srt\":[],\"http\":[{\"port\":22590},{\"address\":\"127.0.0.1\",\"port\":22591}]},"
                + "\"url_prefix\":\"http://cdn.example.com:8080\",\"cluster_key\":\"samekeyforall\"}";
        HttpResponse<String> r = admin("PUT", CONFIG, body);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(json(body), config());
        assertEquals(2, count("SELECT count(*) FROM server_http_listeners"));
        assertTrue(Deployments.eventually(Duration.ofSeconds(30), () -> healthOn(22590) == 200 && healthOn(22591) == 200),
                "the HTTP listeners did not open");

        ConfigApi.createViewer();
        JsonObject seen = Http.object(Http.get(CONFIG, ConfigApi.VIEWER, ConfigApi.VIEWER_PASSWORD));
        assertFalse(seen.containsKey("cluster_key"), "a viewer sees no secret: " + seen);
        assertEquals("http://cdn.example.com:8080", seen.getString("url_prefix"));

        // WildFly closes a removed listener at its next restart (./run starts from a fresh configuration).
        String removed91 = "HTTP listener openstreamer-http-127_0_0_1-22591 removed";
        String removed90 = "HTTP listener openstreamer-http-22590 removed";
        long before91 = ConfigApi.serverLogLines(removed91);
        long before90 = ConfigApi.serverLogLines(removed90);
        assertEquals(200, admin("PUT", CONFIG, "{\"listeners\":{\"http\":[{\"port\":22590}]}}").statusCode());
        assertTrue(Deployments.eventually(Duration.ofSeconds(30), () -> ConfigApi.serverLogLines(removed91) > before91),
                "22591 not removed");
        assertEquals(before90, ConfigApi.serverLogLines(removed90), "an unchanged listener stays");
        assertEquals(200, healthOn(22590));
        assertEquals(200, admin("PUT", CONFIG, "{}").statusCode());
        assertTrue(Deployments.eventually(Duration.ofSeconds(30), () -> ConfigApi.serverLogLines(removed90) > before90),
                "22590 not removed");

        String[][] refused = {
                {"{\"listeners\":{\"http\":[{\"port\":70000}]}}", "invalid_value", "listeners.http[0].port"},
                {"{\"listeners\":{\"http\":[{\"address\":\"localhost\",\"port\":8081}]}}", "invalid_value", "listeners.http[0].address"},
                {"{\"url_prefix\":\"cdn.example.com\"}", "invalid_value", "url_prefix"},
                {"{\"cluster_key\":\"two words\"}", "invalid_value", "cluster_key"},
        };
        for (String[] c : refused) {
            assertError(admin("PUT", CONFIG, c[0]), 400, c[1], c[2]);
        }
        assertError(admin("PUT", CONFIG, "{\"listeners\":{\"http\":[{\"port\":8081},{\"port\":8081}]}}"), 409,
                "port_conflict", "listeners.http[1].port");
    }

    @Test
    void aViewerMayReadTheConfigButNotChangeIt() throws Exception {
        assertEquals(200, admin("PUT", CONFIG, REFERENCE_EXAMPLE).statusCode());
        ConfigApi.createViewer();
        HttpResponse<String> read = Http.get(CONFIG, ConfigApi.VIEWER, ConfigApi.VIEWER_PASSWORD);
        assertEquals(200, read.statusCode());
        assertEquals(json(REFERENCE_EXAMPLE), Http.object(read));
        assertError(Http.send("PUT", CONFIG, ConfigApi.VIEWER, ConfigApi.VIEWER_PASSWORD, "{}"), 403, "forbidden", null);
        assertEquals(json(REFERENCE_EXAMPLE), config());
    }
}
