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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SRT publishing from many authors (issue 4): a publish port range whose streams a configuration
 * backend names, with ffmpeg publishers against the deployed EAR. Ports 22000-22099 (UDP) and
 * 22500 (the backend, TCP) are this test's.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(65)
class SrtPortRangeIT {

    private static final int BACKEND_PORT = 22500;
    private static final String RANGE = "{\"listeners\":{\"srt\":[{\"mode\":\"publish\",\"ports\":{\"first\":22000,\"last\":22079}},"
            + "{\"mode\":\"play\",\"ports\":{\"first\":22080,\"last\":22099}}]},"
            + "\"config_external\":\"http://127.0.0.1:" + BACKEND_PORT + "/backend/\"}";

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

    private Process publish(int port, String passphrase) throws Exception {
        Process p = MediaTools.publish(url(port, passphrase));
        processes.add(p);
        return p;
    }

    private static String url(int port, String passphrase) {
        return "srt://127.0.0.1:" + port + "?passphrase=" + passphrase;
    }

    /** The publisher is turned away, and the server recorded why (see SrtRefusal). */
    private void rejected(int port, String passphrase, int code, String reason, String what) throws Exception {
        SrtRefusal.assertRejected(url(port, passphrase), port, code, reason, what, processes);
    }

    private static JsonObject engine() throws Exception {
        return Http.object(Http.admin("/streamer/api/v3/engine"));
    }

    private static boolean publishing(String stream, int port) throws Exception {
        return engine().getJsonArray("pipelines").getValuesAs(JsonObject.class).stream()
                .anyMatch(p -> p.getString("stream").equals(stream) && p.getString("state").equals("publishing")
                        && p.getInt("port") == port);
    }

    private static long newestSegment(String stream) throws Exception {
        HttpResponse<String> r = Http.get("/" + stream + "/index.m3u8");
        if (r.statusCode() != 200) {
            return -1;
        }
        long first = r.body().lines().filter(l -> l.startsWith("#EXT-X-MEDIA-SEQUENCE:"))
                .mapToLong(l -> Long.parseLong(l.substring(22))).findFirst().orElse(-1);
        return first + MediaTools.segmentUris(r.body()).size() - 1;
    }

    private static void assertPlaysAsHls(String stream) throws Exception {
        assertTrue(Deployments.eventually(Duration.ofSeconds(40), () -> newestSegment(stream) >= 1),
                "no HLS for " + stream);
        String playlist = Http.get("/" + stream + "/index.m3u8").body();
        String segment = MediaTools.segmentUris(playlist).get(0);
        HttpResponse<String> head = Http.get("/" + stream + "/" + segment);
        assertEquals(200, head.statusCode());
        Path file = Files.createTempFile("range-", ".ts");
        try {
            java.net.http.HttpResponse<byte[]> bytes = Http.send(
                    java.net.http.HttpRequest.newBuilder(Http.uri("/" + stream + "/" + segment)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            MediaTools.write(file, bytes.body());
            assertEquals(640, MediaTools.video(MediaTools.probe(file.toString())).getInt("width"));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String publishEventPort(String stream) throws Exception {
        try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT data->>'port', data->>'peer' FROM events WHERE type = 'publish_started' AND stream = ? ORDER BY id DESC LIMIT 1")) {
            s.setString(1, stream);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) + " " + rs.getString(2) : null;
            }
        }
    }

    @Test
    void aRangeAndAStreamPortCannotOverlap() throws Exception {
        assertEquals(201, ConfigApi.putStream("it-range-local",
                "{\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":22010}}").statusCode());
        String message = ConfigApi.assertError(ConfigApi.admin("PUT", ConfigApi.CONFIG, RANGE), 409, "port_conflict",
                "listeners.srt[0].ports");
        assertTrue(message.contains("22010") && message.contains("it-range-local"), message);

        assertEquals(204, ConfigApi.admin("DELETE", ConfigApi.STREAMS + "it-range-local", null).statusCode());
        assertEquals(200, ConfigApi.admin("PUT", ConfigApi.CONFIG, RANGE).statusCode());
        message = ConfigApi.assertError(ConfigApi.putStream("it-range-local",
                "{\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":22010}}"), 409, "port_conflict", "srt_publish.port");
        assertTrue(message.contains("22000-22079"), message);
    }

    @Test
    void aRangeListensOnTheAddressItNamesOnly() throws Exception {
        ConfigApi.assertError(ConfigApi.admin("PUT", ConfigApi.CONFIG, "{\"listeners\":{\"srt\":[{\"mode\":\"publish\","
                + "\"ports\":{\"first\":22020,\"last\":22029},\"address\":\"localhost\"}]}}"), 400, "invalid_value",
                "listeners.srt[0].address");
        ConfigApi.assertError(ConfigApi.admin("PUT", ConfigApi.CONFIG, "{\"srt_publish\":{\"port\":22030,\"address\":\"::1\"}}"),
                400, "invalid_value", "srt_publish.address");
        try (ConfigBackendStub backend = new ConfigBackendStub(BACKEND_PORT)) {
            backend.streams.put("it-author-d", "author-d-passphrase");
            backend.ports.put(22020, "it-author-d");
            assertEquals(200, ConfigApi.admin("PUT", ConfigApi.CONFIG, "{\"listeners\":{\"srt\":[{\"mode\":\"publish\","
                    + "\"ports\":{\"first\":22020,\"last\":22029},\"address\":\"127.0.0.2\"}]},"
                    + "\"config_external\":\"http://127.0.0.1:" + BACKEND_PORT + "/backend/\"}").statusCode());
            JsonObject range = Http.object(Http.admin(ConfigApi.CONFIG)).getJsonObject("listeners").getJsonArray("srt").getJsonObject(0);
            assertEquals("127.0.0.2", range.getString("address"));
            assertTrue(Deployments.eventually(Duration.ofSeconds(10),
                    () -> Http.admin(ConfigApi.STREAMS + "it-author-d").statusCode() == 200), "backend streams not loaded");

            // 127.0.0.2 is a loopback address like 127.0.0.1, but only the first is the range's.
            Process d = MediaTools.publish("srt://127.0.0.2:22020?passphrase=author-d-passphrase");
            processes.add(d);
            assertTrue(Deployments.eventually(Duration.ofSeconds(15), () -> publishing("it-author-d", 22020)),
                    "the caller on 127.0.0.2:22020 was not admitted");
            // Were the port bound on 127.0.0.1 or every interface, this caller would be refused
            // (the stream has its publisher), not left unanswered.
            SrtRefusal.assertNobodyListens(url(22020, "author-d-passphrase"), 22020, "the same port on 127.0.0.1", processes);
            assertTrue(d.isAlive() && publishing("it-author-d", 22020));
        }
    }

    @Test
    void authorsPublishOnPortsTheBackendResolves() throws Exception {
        try (ConfigBackendStub backend = new ConfigBackendStub(BACKEND_PORT)) {
            backend.streams.put("it-author-a", "author-a-passphrase");
            backend.streams.put("it-author-b", "author-b-passphrase");
            backend.streams.put("it-author-c", "author-c-passphrase");
            backend.ports.put(22001, "it-author-a");
            backend.ports.put(22002, "it-author-b");
            backend.ports.put(22003, "it-author-c");
            backend.ports.put(22070, ConfigBackendStub.GARBAGE);
            backend.playPorts.put(22080, "it-author-a");
            assertEquals(200, ConfigApi.admin("PUT", ConfigApi.CONFIG, RANGE).statusCode());
            assertTrue(Deployments.eventually(Duration.ofSeconds(10),
                    () -> Http.admin(ConfigApi.STREAMS + "it-author-a").statusCode() == 200), "backend streams not loaded");

            // The very first caller on a never-seen port gets in at its first attempt.
            Process c = publish(22003, "author-c-passphrase");
            assertTrue(Deployments.eventually(Duration.ofSeconds(15), () -> publishing("it-author-c", 22003)),
                    "the first caller on port 22003 was not admitted");
            assertTrue(c.isAlive());

            // Each author's passphrase fails on the other's port; unknown and garbage ports are refused.
            rejected(22002, "author-a-passphrase", 10, "wrong passphrase", "a's passphrase on b's port");
            rejected(22001, "author-b-passphrase", 10, "wrong passphrase", "b's passphrase on a's port");
            rejected(22050, "author-a-passphrase", 1404, "no stream for publish port 22050 (configuration backend: HTTP 400)",
                    "a port the backend does not know");
            // A failing backend is logged once per failure window, not recorded per caller: the
            // caller must still have been rejected, not left without an answer.
            SrtRefusal.assertRejectedByHandshake(url(22070, "author-a-passphrase"),
                    "a port the backend answers garbage for", processes);

            // Both authors at once, both play back.
            Process a = publish(22001, "author-a-passphrase");
            Process b = publish(22002, "author-b-passphrase");
            assertPlaysAsHls("it-author-a");
            assertPlaysAsHls("it-author-b");
            assertTrue(publishing("it-author-a", 22001) && publishing("it-author-b", 22002));
            assertEquals(22001, Http.object(Http.admin(ConfigApi.STREAMS + "it-author-a")).getJsonObject("stats").getInt("port"));
            String event = publishEventPort("it-author-a");
            assertTrue(event != null && event.startsWith("22001 127.0.0.1:"), "publish_started event: " + event);
            assertTrue(engine().getJsonObject("engine").getJsonObject("srt_ranges").getJsonArray("bindings")
                    .getValuesAs(JsonObject.class).stream()
                    .anyMatch(x -> x.getInt("port") == 22001 && x.getString("stream").equals("it-author-a") && x.getBoolean("active")));

            // A play range port gives players the stream the backend names for it (unencrypted: the stream has no srt_play passphrase).
            JsonObject played = MediaTools.probe("srt://127.0.0.1:22080");
            assertEquals(640, MediaTools.video(played).getInt("width"));

            // A stream the backend drops is disconnected within 15 s; the others go on.
            backend.streams.remove("it-author-b");
            assertTrue(Deployments.eventually(Duration.ofSeconds(15), () -> !publishing("it-author-b", 22002)),
                    "it-author-b still publishing after leaving the backend");
            assertEquals(404, Http.admin(ConfigApi.STREAMS + "it-author-b").statusCode());
            assertTrue(b.waitFor(10, TimeUnit.SECONDS), "b's ffmpeg was not disconnected");

            // The backend goes away: running publishers keep going, a new port is refused.
            backend.close();
            long before = newestSegment("it-author-a");
            SrtRefusal.assertRejectedByHandshake(url(22060, "author-a-passphrase"),
                    "an unresolved port with the backend down", processes);
            assertTrue(Deployments.eventually(Duration.ofSeconds(20), () -> newestSegment("it-author-a") >= before + 2),
                    "it-author-a stopped with the backend down");
            assertTrue(a.isAlive() && c.isAlive());
            assertTrue(publishing("it-author-c", 22003));
            assertFalse(publishing("it-author-b", 22002));
        }
    }
}
