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
 * second start keeps what the first one stored.
 */
@Order(50)
class RunCommandIT {

    private static final int PORT_OFFSET = 200;
    private static final int HTTP_PORT = 8080 + PORT_OFFSET;
    private static final int DB_PORT = Integer.getInteger("it.db.port") + 1;
    private static final Pattern PASSWORD_LINE = Pattern.compile("^\\s+password: (\\S+)\\s*$");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + path));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
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
        stopAndAssertEverythingIsGone();

        start();
        Duration second = awaitRunning();
        System.out.printf("run command: first start %d s, second start %d s%n", first.toSeconds(), second.toSeconds());
        assertTrue(output.stream().noneMatch(l -> PASSWORD_LINE.matcher(l).matches()), "the password is printed only once");
        assertTrue(output.stream().anyMatch(l -> l.contains("Build is up to date")), "the second run does not rebuild");
        HttpResponse<String> server = get("/streamer/api/v3/server", "admin", password);
        assertEquals(200, server.statusCode());
        assertTrue(server.body().contains("\"total_streams\":1"), server.body());
        stopAndAssertEverythingIsGone();
    }
}
