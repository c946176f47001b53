package org.openstreamer.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server restarted while PostgreSQL is down: WildFly is reloaded during an outage, in which a
 * recorded stream kept segments only in memory. The deployment comes up without its database
 * (/health DOWN, the API 503, the engine running), and once PostgreSQL is back it heals by itself:
 * the schema migration runs, the engine gets its streams again (publishing works), and the segments
 * recorded before the reload, which the index lacked, are found on disk and indexed, so the
 * catch-up playlist over the outage has no gap. Runs after {@link DatabaseOutageIT}: it stops the
 * shared test database and reloads the server. UDP port 20196 is this test's.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(101)
class DatabaseDownAtStartIT {

    private static final String SERVER = "/streamer/api/v3/server";
    private static final String CAM = "down-at-start";
    private static final String SRT_URL = "srt://127.0.0.1:20196";
    private static final Path ROOT = Path.of("target", "down-at-start-dvr").toAbsolutePath();
    /** Long enough for a few segments that only the in-memory backlog knows of when the server stops. */
    private static final long DOWN_BEFORE_RELOAD_MS = 8_000;

    @ArquillianResource
    private ManagementClient management;
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
        Deployments.eventually(Duration.ofSeconds(30), () -> health() != null && health().statusCode() == 200);
        ConfigApi.admin("DELETE", ConfigApi.STREAMS + CAM, null);
        TestDatabase.forgetDvrIndex(CAM);
    }

    private static long count(String sql) throws Exception {
        return TestDatabase.count(sql);
    }

    private static long segmentFiles() throws IOException {
        return TestFiles.count(ROOT.resolve(CAM), ".ts");
    }

    /** /health, or null while the server does not answer (during the reload). */
    private static HttpResponse<String> health() throws InterruptedException {
        try {
            return Http.get("/health");
        } catch (IOException e) {
            return null;
        }
    }

    /** When the running engine started, from /health; null while /health does not say (the server is starting). */
    private static String engineStartedAt(HttpResponse<String> health) {
        try {
            JsonObject ra = HealthIT.checks(health).get("resource-adapter");
            return "UP".equals(ra.getString("status")) ? ra.getJsonObject("data").getString("started_at") : null;
        } catch (RuntimeException notHealthYet) {
            return null;
        }
    }

    private static List<String> logSince(long offset) throws IOException {
        String log = Files.readString(Path.of(System.getProperty("it.server.log")));
        return log.substring((int) Math.min(offset, log.length())).lines().toList();
    }

    @Test
    void aServerStartedWhilePostgresqlIsDownComesUpAndHealsWhenItIsBack() throws Exception {
        TestFiles.deleteTree(ROOT);
        assertEquals(201, ConfigApi.putStream(CAM, "{\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":20196},"
                + "\"segment_duration\":2,\"dvr\":{\"root\":\"" + ROOT + "\"}}").statusCode());
        publisher = MediaTools.publish(SRT_URL);
        String segments = "SELECT count(*) FROM dvr_segments WHERE stream = '" + CAM + "'";
        assertTrue(Deployments.eventually(Duration.ofSeconds(40), () -> count(segments) >= 2), "not recording");
        String engineBefore = engineStartedAt(Http.get("/health"));
        long logOffset = Files.size(Path.of(System.getProperty("it.server.log")));

        // PostgreSQL goes; the recorder's segments wait in memory, and the server is restarted.
        long stoppedAt = System.currentTimeMillis();
        TestDatabase.stop();
        Thread.sleep(DOWN_BEFORE_RELOAD_MS);
        MediaTools.stop(publisher);
        publisher = null;
        long reloadAt = System.currentTimeMillis();
        ModelNode op = new ModelNode();
        op.get("operation").set("reload");
        op.get("address").setEmptyList();
        ModelNode result = management.getControllerClient().execute(op);
        assertEquals("success", result.get("outcome").asString(), result.toString());

        // The deployment comes up without its database: a new engine, /health DOWN, the API 503.
        AtomicReference<HttpResponse<String>> seen = new AtomicReference<>();
        assertTrue(Deployments.eventually(Duration.ofSeconds(120), () -> {
            HttpResponse<String> h = health();
            seen.set(h);
            String engine = h == null ? null : engineStartedAt(h);
            return engine != null && !engine.equals(engineBefore);
        }), () -> "the server did not come back: " + (seen.get() == null ? "no answer" : seen.get().statusCode() + " " + seen.get().body()));
        System.out.println("[DatabaseDownAtStartIT] server up again without its database "
                + (System.currentTimeMillis() - reloadAt) + " ms after the reload");
        Thread.sleep(6_000); // a retry of the migration and of the engine's configuration fail meanwhile
        HttpResponse<String> down = Http.get("/health");
        assertEquals(503, down.statusCode());
        assertEquals("DOWN", HealthIT.checks(down).get("database").getString("status"), down.body());
        assertEquals("UP", HealthIT.checks(down).get("resource-adapter").getString("status"), down.body());
        HttpResponse<String> api = Http.admin(SERVER);
        assertEquals(503, api.statusCode(), api.body());
        assertEquals("database_unavailable", Http.object(api).getString("error"));
        assertEquals("5", api.headers().firstValue("Retry-After").orElse(""));

        // PostgreSQL is back: the schema is migrated, the engine configured, publishing works.
        TestDatabase.start();
        long backAt = System.currentTimeMillis();
        AtomicReference<String> lastHealth = new AtomicReference<>();
        assertTrue(Deployments.eventually(Duration.ofSeconds(30), () -> {
            HttpResponse<String> h = Http.get("/health");
            lastHealth.set(h.body());
            return h.statusCode() == 200;
        }), () -> "health did not recover: " + lastHealth.get());
        assertEquals(200, Http.admin(SERVER).statusCode());
        String recordedSinceBack = segments + " AND start_ms >= " + backAt;
        assertTrue(Deployments.eventually(Duration.ofSeconds(40), () -> {
            if (publisher == null || !publisher.isAlive()) { // refused until the engine has the stream again
                publisher = MediaTools.publish(SRT_URL);
            }
            return count(recordedSinceBack) >= 2;
        }), "the stream was not configured again: publishing after the outage recorded nothing");
        System.out.println("[DatabaseDownAtStartIT] recording again " + (System.currentTimeMillis() - backAt)
                + " ms after PostgreSQL was back");
        MediaTools.stop(publisher);
        publisher = null;

        // Every file is in the index once, those recorded before the reload, in the outage, too.
        assertTrue(Deployments.eventually(Duration.ofSeconds(20), () -> count(segments) == segmentFiles()),
                () -> "indexed " + count0(segments) + " of " + files0() + " files");
        assertEquals(0, count("SELECT count(*) - count(DISTINCT path) FROM dvr_segments WHERE stream = '" + CAM + "'"),
                "each file once");
        assertEquals(0, count("SELECT count(*) FROM (SELECT start_ms, lag(seq) OVER (ORDER BY start_ms) AS before, seq"
                + " FROM dvr_segments WHERE stream = '" + CAM + "') s WHERE seq <= before"), "numbered in time order");
        long until = count("SELECT max(to_ms) FROM dvr_ranges WHERE stream = '" + CAM + "' AND from_ms <= " + stoppedAt);
        assertTrue(until >= reloadAt - 5000, "the range recorded before the reload goes on to it: ends "
                + (reloadAt - until) + " ms before the reload");
        long from = stoppedAt / 1000 - 4;
        long seconds = (reloadAt - 3000) / 1000 - from;
        String catchUp = Http.get("/" + CAM + "/index-" + from + "-" + seconds + ".m3u8").body();
        assertTrue(catchUp.contains("#EXT-X-ENDLIST") && !catchUp.contains("#EXT-X-DISCONTINUITY"), catchUp);
        double listed = catchUp.lines().filter(l -> l.startsWith("#EXTINF:"))
                .mapToDouble(l -> Double.parseDouble(l.substring(8, l.indexOf(',')))).sum();
        assertTrue(listed >= seconds - 4, "the catch-up playlist over the outage covers it: " + listed + " s of " + seconds + "\n" + catchUp);

        // What the log says: one warning for the migration, and each activity's recovery.
        List<String> log = logSince(logOffset);
        assertEquals(1, log.stream().filter(l -> l.contains("cannot be reached at deployment")).count(),
                "one warning from the schema migration");
        assertTrue(log.stream().anyMatch(l -> l.contains("once the database could be reached")), "the migration ran late");
        assertTrue(log.stream().anyMatch(l -> l.contains("Configuring the media engine at start works again")),
                "the engine's configuration at start was retried until it worked");
        // Found by the index writer's look at the disk, unless a retention pass (once a minute)
        // came first: both index what is newer than the newest indexed segment.
        System.out.println("[DatabaseDownAtStartIT] the files recorded before the reload were indexed by "
                + (log.stream().anyMatch(l -> l.contains("segments recorded before this start")) ? "the index writer" : "a retention pass"));
        // The server's own lines (java.util.logging writes WARNING) from the outage on: one per
        // activity that met it, not one per attempt, and nothing worse than a warning.
        List<String> warnings = log.stream().filter(l -> l.matches("^\\S+ \\S+ +(WARN|WARNING|ERROR|SEVERE|FATAL) .*")).toList();
        System.out.println("[DatabaseDownAtStartIT] " + warnings.size() + " warnings from the outage on:\n" + String.join("\n", warnings));
        List<String> ours = warnings.stream().filter(l -> l.contains("[org.openstreamer.")).toList();
        assertTrue(ours.size() <= 12, ours.size() + " warnings of the server:\n" + String.join("\n", ours));
        assertTrue(ours.stream().noneMatch(l -> l.matches("^\\S+ \\S+ +(ERROR|SEVERE|FATAL) .*")), String.join("\n", ours));
        assertNotEquals(0, count(recordedSinceBack));
    }

    private static String count0(String sql) {
        try {
            return Long.toString(count(sql));
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static String files0() {
        try {
            return Long.toString(segmentFiles());
        } catch (IOException e) {
            return e.toString();
        }
    }
}
