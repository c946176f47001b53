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

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL goes away while WildFly runs: /health says DOWN, the API answers 503 with a JSON
 * error, nothing stored is lost, and everything recovers when it returns, without a redeploy. A
 * stream recorded all along has every segment of the outage in its archive index afterwards (one
 * range, a catch-up playlist over the outage without a gap), and the outage is a few log lines,
 * not one per segment or request. Runs last: it stops the shared test database.
 * UDP port 20195 is this test's.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(100)
class DatabaseOutageIT {

    private static final String SERVER = "/streamer/api/v3/server";
    private static final String CAM = "outage-cam";
    private static final Path ROOT = Path.of("target", "outage-dvr").toAbsolutePath();
    /** Long enough for several segments and for every periodic task (2 s, 5 s) to fail a few times. */
    private static final long OUTAGE_MS = 16_000;
    private Process publisher;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @AfterEach
    void databaseIsBack() throws Exception {
        TestDatabase.start();
        if (publisher != null) {
            MediaTools.stop(publisher);
        }
        ConfigApi.admin("DELETE", ConfigApi.STREAMS + CAM, null);
        TestDatabase.forgetDvrIndex(CAM);
    }

    private static long count(String sql) throws Exception {
        return TestDatabase.count(sql);
    }

    private static long segmentFiles() throws IOException {
        return TestFiles.count(ROOT.resolve(CAM), ".ts");
    }

    /** WildFly's WARN and the server's own (java.util.logging) WARNING lines, errors and the Hibernate load noise. */
    private static List<String> warningsSince(long offset) throws IOException {
        String log = Files.readString(Path.of(System.getProperty("it.server.log")));
        return log.substring((int) Math.min(offset, log.length())).lines()
                .filter(l -> l.matches("^\\S+ \\S+ +(WARN|WARNING|ERROR|SEVERE|FATAL) .*") || l.contains("HHH000327")).toList();
    }

    @Test
    void outageIsReportedAndRecoveredFromWithoutLosingData() throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO streams (name) VALUES ('kept-across-outage')");
        }
        assertEquals(200, Http.admin(SERVER).statusCode()); // signs the admin in before the outage
        TestFiles.deleteTree(ROOT);
        assertEquals(201, ConfigApi.putStream(CAM, "{\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":20195},"
                + "\"segment_duration\":2,\"dvr\":{\"root\":\"" + ROOT + "\"}}").statusCode());
        publisher = MediaTools.publish("srt://127.0.0.1:20195");
        assertTrue(Deployments.eventually(Duration.ofSeconds(40),
                () -> count("SELECT count(*) FROM dvr_segments WHERE stream = '" + CAM + "'") >= 3), "not recording");
        int streams = Http.object(Http.admin(SERVER)).getInt("total_streams");
        long logOffset = Files.size(Path.of(System.getProperty("it.server.log")));

        long stoppedAt = System.currentTimeMillis();
        TestDatabase.stop();

        HttpResponse<String> health = Http.get("/health");
        assertEquals(503, health.statusCode());
        JsonObject h = Http.object(health);
        assertEquals("DOWN", h.getString("status"));
        assertEquals("DOWN", HealthIT.checks(health).get("database").getString("status"));
        assertEquals("UP", HealthIT.checks(health).get("resource-adapter").getString("status"),
                "the media engine keeps running without the database");

        HttpResponse<String> api = Http.admin(SERVER);
        assertEquals(503, api.statusCode(), api.body());
        assertTrue(api.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("database_unavailable", Http.object(api).getString("error"));
        assertEquals("5", api.headers().firstValue("Retry-After").orElse(""));
        HttpResponse<String> write = Http.send("PUT", "/streamer/api/v3/streams/written-during-outage",
                Http.ADMIN, Http.ADMIN_PASSWORD, "{}");
        assertEquals(503, write.statusCode(), write.body());
        assertEquals("database_unavailable", Http.object(write).getString("error"));
        for (int i = 0; i < 3; i++) { // more requests: the outage is still logged once
            assertEquals(503, Http.admin(SERVER).statusCode());
        }
        Thread.sleep(Math.max(0, stoppedAt + OUTAGE_MS - System.currentTimeMillis()));
        long filesDuringOutage = segmentFiles();

        TestDatabase.start();
        long startedAt = System.currentTimeMillis();

        assertTrue(Deployments.eventually(Duration.ofSeconds(30), () -> Http.get("/health").statusCode() == 200),
                "health recovers by itself");
        HttpResponse<String> after = Http.admin(SERVER);
        assertEquals(200, after.statusCode(), after.body());
        assertEquals(streams, Http.object(after).getInt("total_streams"));
        assertEquals(200, Http.admin("/streamer/api/v3/streams/kept-across-outage").statusCode());
        assertEquals(404, Http.admin("/streamer/api/v3/streams/written-during-outage").statusCode());
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM streams WHERE name = 'kept-across-outage'")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
        }

        // The segments recorded while PostgreSQL was down are in the index, in one range with the rest.
        assertTrue(Deployments.eventually(Duration.ofSeconds(30),
                () -> count("SELECT count(*) FROM dvr_segments WHERE stream = '" + CAM + "'") >= filesDuringOutage),
                "the segments of the outage are indexed");
        MediaTools.stop(publisher);
        publisher = null;
        assertTrue(Deployments.eventually(Duration.ofSeconds(20),
                () -> count("SELECT count(*) FROM dvr_segments WHERE stream = '" + CAM + "'") == segmentFiles()),
                "every file is indexed once");
        assertEquals(1, count("SELECT count(*) FROM dvr_ranges WHERE stream = '" + CAM + "'"), "one range, no gap");
        assertEquals(0, count("SELECT count(*) FROM (SELECT seq FROM dvr_segments WHERE stream = '" + CAM + "'"
                + " GROUP BY seq HAVING count(*) > 1) twice"), "each sequence number once");
        assertEquals(0, count("SELECT count(*) FROM (SELECT start_ms, lag(seq) OVER (ORDER BY start_ms) AS before, seq"
                + " FROM dvr_segments WHERE stream = '" + CAM + "') s WHERE seq <= before"), "numbered in time order");
        long from = stoppedAt / 1000 - 4;
        long seconds = (startedAt - stoppedAt) / 1000 + 6;
        String catchUp = Http.get("/" + CAM + "/index-" + from + "-" + seconds + ".m3u8").body();
        assertTrue(catchUp.contains("#EXT-X-ENDLIST") && !catchUp.contains("#EXT-X-DISCONTINUITY"), catchUp);
        double listed = catchUp.lines().filter(l -> l.startsWith("#EXTINF:"))
                .mapToDouble(l -> Double.parseDouble(l.substring(8, l.indexOf(',')))).sum();
        assertTrue(listed >= seconds - 4, "the catch-up playlist over the outage covers it: " + listed + " s of " + seconds + "\n" + catchUp);

        // A few lines about the outage, not one per segment, request or periodic task.
        List<String> warnings = warningsSince(logOffset);
        assertTrue(warnings.size() <= 8, warnings.size() + " warnings:\n" + String.join("\n", warnings));
        assertTrue(warnings.stream().noneMatch(l -> l.contains(" ERROR ")), String.join("\n", warnings));
    }
}
