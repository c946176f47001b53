package org.openstreamer.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** What the first start stores through the API: path and body. */
    private static final String[][] KEPT = {
            {"/streamer/api/v3/streams/kept-cam", "{\"title\":\"Kept camera\",\"inputs\":[{\"url\":\"publish://\","
                    + "\"source_timeout\":20}],\"srt_publish\":{\"port\":24481,\"passphrase\":\"kept-passphrase-1\"},"
                    + "\"dvr\":{\"root\":\"/storage\",\"depth\":86400,\"disk_limit\":90,\"schedule\":\"8:00-16:00\"},"
                    + "\"segment_duration\":6,\"max_sessions\":100,\"meta\":{\"owner\":\"studio\"}}"},
            {"/streamer/api/v3/live/kept-live", "{\"password\":\"live-secret\",\"segment_duration\":2}"},
            {"/streamer/api/v3/templates/kept-tpl", "{\"prefix\":\"kept-tpl\",\"inputs\":[{\"url\":\"hls://origin/%s/index.m3u8\"}]}"},
            {"/streamer/api/v3/config", "{\"srt_publish\":{\"port\":24482,\"passphrase\":\"global-passphrase\"}}"},
    };

    private final Path var = Path.of("target", "run-var").toAbsolutePath();
    private Process run;
    private final List<String> output = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopRun() throws Exception {
        if (run != null && run.isAlive()) {
            run.toHandle().destroy();
            run.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private void start() throws IOException {
        output.clear();
        ProcessBuilder pb = new ProcessBuilder("bash", "run").directory(Path.of("..").toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        // A fresh install: nothing from the test environment may choose the database or the admin.
        List.of("DB_URL", "DB_USER", "DB_PASSWORD", "ADMIN_USER", "ADMIN_PASSWORD").forEach(env::remove);
        env.put("OPENSTREAMER_VAR", var.toString());
        env.put("PORT_OFFSET", Integer.toString(PORT_OFFSET));
        env.put("DB_PORT", Integer.toString(DB_PORT));
        run = pb.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    private Duration awaitRunning() throws Exception {
        long t0 = System.nanoTime();
        boolean up = Deployments.eventually(Duration.ofMinutes(4),
                () -> output.stream().anyMatch(l -> l.contains("OpenStreamer is running")) || !run.isAlive());
        assertTrue(up && run.isAlive(), () -> "run did not come up:\n" + String.join("\n", output)
                + "\n--- postgres.log:\n" + readQuietly(var.resolve("log").resolve("postgres.log")));
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    private static String readQuietly(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    private static HttpResponse<String> get(String path, String user, String password) throws Exception {
        return send("GET", path, user, password, null);
    }

    private static HttpResponse<String> send(String method, String path, String user, String password, String json)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON body without its live "stats" object, which is not configuration. */
    private static String withoutStats(String json) {
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(json))) {
            return jakarta.json.Json.createObjectBuilder(reader.readObject()).remove("stats").build().toString();
        }
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void stopAndAssertEverythingIsGone() throws Exception {
        // SIGTERM, as a service manager sends it (Ctrl-C takes the same path). Not Process.destroy():
        // that also closes our end of the pipes.
        run.toHandle().destroy();
        assertTrue(run.waitFor(90, TimeUnit.SECONDS), "run did not stop");
        assertFalse(listening(HTTP_PORT), () -> "WildFly still listens:\n" + String.join("\n", output));
        assertFalse(listening(DB_PORT), () -> "PostgreSQL still listens:\n" + String.join("\n", output));
        assertTrue(output.stream().anyMatch(l -> l.contains("Stopping PostgreSQL")), String.join("\n", output));
    }

    @Test
    void freshInstallThenRestartKeepsData() throws Exception {
        TestFiles.deleteTree(var);

        start();
        Duration first = awaitRunning();
        String password = output.stream().map(PASSWORD_LINE::matcher).filter(Matcher::matches)
                .map(m -> m.group(1)).findFirst().orElse(null);
        assertNotNull(password, () -> "no generated admin password was printed:\n" + String.join("\n", output));
        assertTrue(output.stream().anyMatch(l -> l.contains("/streamer/api/v3/server")), "the URLs are printed");

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
            HttpResponse<String> r = send("PUT", put[0], "admin", password, put[1]);
            assertTrue(r.statusCode() == 200 || r.statusCode() == 201, put[0] + ": " + r.body());
            stored.put(put[0], withoutStats(get(put[0], "admin", password).body()));
        }
        stopAndAssertEverythingIsGone();

        start();
        Duration second = awaitRunning();
        System.out.printf("run command: first start %d s, second start %d s%n", first.toSeconds(), second.toSeconds());
        assertTrue(output.stream().noneMatch(l -> PASSWORD_LINE.matcher(l).matches()), "the password is printed only once");
        assertTrue(output.stream().anyMatch(l -> l.contains("Build is up to date")), "the second run does not rebuild");
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
