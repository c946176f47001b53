package org.openstreamer.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's run command as a user runs it, for tests: started with its own data folder and
 * ports, its output kept, stopped with SIGTERM, or its WildFly killed outright.
 */
final class RunCommand implements AutoCloseable {


    private final Path var;
    private final int portOffset;
    private final int dbPort;
    private final Map<String, String> extraEnv;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private Process run;

    RunCommand(Path var, int portOffset, int dbPort, Map<String, String> extraEnv) {
        this.var = var;
        this.portOffset = portOffset;
        this.dbPort = dbPort;
        this.extraEnv = extraEnv;
    }

    int httpPort() {
        return 8080 + portOffset;
    }

    int dbPort() {
        return dbPort;
    }

    List<String> output() {
        return output;
    }

    Process process() {
        return run;
    }

    void start() throws IOException {
        output.clear();
        ProcessBuilder pb = new ProcessBuilder("bash", "run").directory(Path.of("..").toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        // A fresh install: nothing from the test environment may choose the database or the admin.
        List.of("DB_URL", "DB_USER", "DB_PASSWORD", "ADMIN_USER", "ADMIN_PASSWORD").forEach(env::remove);
        env.put("OPENSTREAMER_VAR", var.toString());
        env.put("PORT_OFFSET", Integer.toString(portOffset));
        env.put("DB_PORT", Integer.toString(dbPort));
        env.putAll(extraEnv);
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

    /** Waits for the "running" banner; returns how long the start took. */
    Duration awaitRunning() throws Exception {
        long t0 = System.nanoTime();
        boolean up = Deployments.eventually(Duration.ofMinutes(4),
                () -> output.stream().anyMatch(l -> l.contains("OpenStreamer is running")) || !run.isAlive());
        assertTrue(up && run.isAlive(), () -> "run did not come up:\n" + String.join("\n", output)
                + "\n--- postgres.log:\n" + readQuietly(var.resolve("log").resolve("postgres.log")));
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    HttpResponse<String> send(String method, String path, String user, String password, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort() + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return Http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** SIGTERM, as a service manager sends it (Ctrl-C takes the same path); true when run ended in time. */
    boolean terminate() throws InterruptedException {
        // Not Process.destroy() on our side of the pipes: ProcessHandle.destroy sends SIGTERM only.
        run.toHandle().destroy();
        return run.waitFor(90, TimeUnit.SECONDS);
    }

    /** kill -9 of the WildFly JVM this run started, as a crash would; run then stops PostgreSQL and ends. */
    void killWildFly() throws InterruptedException {
        String base = var.resolve("wildfly").toString();
        List<ProcessHandle> java = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("jboss.server.base.dir=" + base)
                        && p.info().command().orElse("").endsWith("java")).orElse(false))
                .toList();
        assertTrue(!java.isEmpty(), "no WildFly JVM of " + base);
        java.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : java) {
            p.onExit().join();
        }
        assertTrue(run.waitFor(90, TimeUnit.SECONDS), "run did not end after its WildFly died");
    }

    static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String readQuietly(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    @Override
    public void close() throws Exception {
        if (run != null && run.isAlive()) {
            run.toHandle().destroy();
            run.waitFor(60, TimeUnit.SECONDS);
        }
    }
}
