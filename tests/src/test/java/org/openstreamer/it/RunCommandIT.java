package org.openstreamer.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's run command, as a user runs it: a fresh install prints a generated admin password
 * once, serves the API with it, stops cleanly on SIGTERM (WildFly and PostgreSQL both gone), and a
 * second start keeps what the first one stored (streams, publish locations, templates and server
 * settings written through the API, and the engine runs the stored streams again).
 */
@Order(50)
class RunCommandIT {

    private static final int PORT_OFFSET = 200;
    private static final int HTTP_PORT = 8080 + PORT_OFFSET;
    private static final int DB_PORT = Integer.getInteger("it.db.port") + 1;
    private static final Pattern PASSWORD_LINE = Pattern.compile("^\\s+password: (\\S+)\\s*$");

    /** What the first start stores through the API: path and body. */
    private static final String[][] KEPT = {
            {"/streamer/api/v3/streams/kept-cam", "{\"title\":\"Kept camera\",\"inputs\":[{\"url\":\"publish://\","
                    + "\"source_timeout\":20}],\"srt_publish\":{\"port\":24481,\"passphrase\":\"kept-passphrase-1\"},"
                    + "\"dvr\":{\"root\":\"/storage\",\"depth\":86400,\"disk_limit\":90,\"schedule\":\"8:00-16:00\"},"
                    + "\"segment_duration\":6,\"max_sessions\":100,\"meta\":{\"owner\":\"studio\"}}"},
            {"/streamer/api/v3/live/kept-live", "{\"password\":\"live-secret\",\"segment_duration\":2}"},
            {"/streamer/api/v3/templates/kept-tpl", "{\"prefix\":\"kept-tpl\",\"inputs\":[{\"url\":\"hls://127.0.0.1:9/%s/index.m3u8\"}]}"},
            {"/streamer/api/v3/config", "{\"srt_publish\":{\"port\":24482,\"passphrase\":\"global-passphrase\"}}"},
    };

    private final Path var = Path.of("target", "run-var").toAbsolutePath();
    private final RunCommand run = new RunCommand(var, PORT_OFFSET, DB_PORT, Map.of());

    @AfterEach
    void stopRun() throws Exception {
        run.close();
    }

    private HttpResponse<String> get(String path, String user, String password) throws Exception {
        return run.send("GET", path, user, password, null);
    }

    /** A JSON body without its live "stats" object, which is not configuration. */
    private static String withoutStats(String json) {
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(json))) {
            return jakarta.json.Json.createObjectBuilder(reader.readObject()).remove("stats").build().toString();
        }
    }

    private void stopAndAssertEverythingIsGone() throws Exception {
        assertTrue(run.terminate(), "run did not stop");
        assertFalse(RunCommand.listening(HTTP_PORT), () -> "WildFly still listens:\n" + String.join("\n", run.output()));
        assertFalse(RunCommand.listening(DB_PORT), () -> "PostgreSQL still listens:\n" + String.join("\n", run.output()));
        assertTrue(run.output().stream().anyMatch(l -> l.contains("Stopping PostgreSQL")), String.join("\n", run.output()));
    }

    @Test
    void freshInstallThenRestartKeepsData() throws Exception {
        TestFiles.deleteTree(var);

        run.start();
        Duration first = run.awaitRunning();
        String password = run.output().stream().map(PASSWORD_LINE::matcher).filter(Matcher::matches)
                .map(m -> m.group(1)).findFirst().orElse(null);
        assertNotNull(password, () -> "no generated admin password was printed:\n" + String.join("\n", run.output()));
        assertTrue(run.output().stream().anyMatch(l -> l.contains("/streamer/api/v3/server")), "the URLs are printed");

        assertEquals(401, get("/streamer/api/v3/server", null, null).statusCode());
        assertEquals(200, get("/streamer/api/v3/server", "admin", password).statusCode());
        assertEquals(200, get("/health", null, null).statusCode());
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + DB_PORT + "/media", "postgres", "");
             Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO streams (name) VALUES ('written-before-restart')");
        }
        // Configuration written through the API, read back after the restart.
        Map<String, String> stored = new java.util.LinkedHashMap<>();
        for (String[] put : KEPT) {
            HttpResponse<String> r = run.send("PUT", put[0], "admin", password, put[1]);
            assertTrue(r.statusCode() == 200 || r.statusCode() == 201, put[0] + ": " + r.body());
            stored.put(put[0], withoutStats(get(put[0], "admin", password).body()));
        }
        stopAndAssertEverythingIsGone();

        run.start();
        Duration second = run.awaitRunning();
        System.out.printf("run command: first start %d s, second start %d s%n", first.toSeconds(), second.toSeconds());
        assertTrue(run.output().stream().noneMatch(l -> PASSWORD_LINE.matcher(l).matches()), "the password is printed only once");
        assertTrue(run.output().stream().anyMatch(l -> l.contains("Build is up to date")), "the second run does not rebuild");
        HttpResponse<String> server = get("/streamer/api/v3/server", "admin", password);
        assertEquals(200, server.statusCode());
        assertTrue(server.body().contains("\"total_streams\":2"), server.body());
        for (Map.Entry<String, String> e : stored.entrySet()) {
            assertEquals(e.getValue(), withoutStats(get(e.getKey(), "admin", password).body()), e.getKey() + " after the restart");
        }
        String stats = get("/streamer/api/v3/streams/kept-cam", "admin", password).body();
        assertTrue(stats.contains("\"running\":true") && stats.contains("\"status\":\"waiting\""),
                "the engine runs the static stream again, waiting for its publisher: " + stats);
        stopAndAssertEverythingIsGone();
    }
}
