package org.openstreamer.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DVR through a crash: WildFly killed with SIGKILL while a publisher is recorded, then started
 * again with the README's run command. The index ends up listing every segment file, no
 * half-written file is left, and recording goes on. What the index holds is compared with what
 * was published (from the server letting the publisher in to the kill, wall clock): at most the
 * segment being written at the kill is missing.
 * Ports: HTTP 8380 (offset 300), PostgreSQL it.db.port + 2, SRT 24491.
 */
@Order(51)
class DvrCrashIT {

    private static final int DB_PORT = Integer.getInteger("it.db.port") + 2;
    private static final String PASSWORD = "dvr-crash-admin-1";
    private static final long SLACK_MS = 1000;
    private final Path var = Path.of("target", "dvr-crash-var").toAbsolutePath();
    private final Path root = var.resolve("dvr");
    private final RunCommand run = new RunCommand(var, 300, DB_PORT,
            Map.of("ADMIN_USER", "admin", "ADMIN_PASSWORD", PASSWORD));
    private Process publisher;

    @AfterEach
    void stop() throws Exception {
        if (publisher != null) {
            MediaTools.stop(publisher);
        }
        run.close();
    }

    private List<Path> files(String suffix) throws Exception {
        Path folder = root.resolve("crash-cam");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(p -> p.toString().endsWith(suffix)).toList();
        }
    }

    private long indexed() throws Exception {
        return number("SELECT count(*) FROM dvr_segments WHERE stream = 'crash-cam'");
    }

    private long number(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + DB_PORT + "/media", "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Indexed segments as {start_ms, duration_ms}, oldest first. */
    private List<long[]> segments() throws Exception {
        List<long[]> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + DB_PORT + "/media", "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT start_ms, duration_ms FROM dvr_segments WHERE stream = 'crash-cam' ORDER BY start_ms")) {
            while (rs.next()) {
                out.add(new long[] {rs.getLong(1), rs.getLong(2)});
            }
        }
        return out;
    }

    /**
     * The index against the publisher's timeline: from {@code publishedAt} to {@code killedAt} the
     * indexed segments leave out at most one segment's worth (the longest one indexed), plus
     * {@link #SLACK_MS} for the instants being taken outside the recorder (the first frame follows
     * the admission, the kill follows the clock reading).
     */
    private void assertAtMostOneSegmentLost(long publishedAt, long killedAt) throws Exception {
        List<long[]> segments = segments();
        assertFalse(segments.isEmpty(), "nothing indexed");
        long first = segments.get(0)[0];
        long[] last = segments.get(segments.size() - 1);
        long longest = segments.stream().mapToLong(x -> x[1]).max().orElseThrow();
        long covered = segments.stream().mapToLong(x -> x[1]).sum();
        String timeline = "published " + publishedAt + ", killed " + killedAt + ", indexed " + first + ".."
                + (last[0] + last[1]) + " (" + segments.size() + " segments, " + covered + " ms, longest " + longest + " ms)";
        assertTrue(first >= publishedAt - SLACK_MS && last[0] + last[1] <= killedAt + SLACK_MS,
                "the index holds this publisher's segments: " + timeline);
        assertTrue(first - publishedAt <= longest + SLACK_MS, "the start of the recording is indexed: " + timeline);
        assertTrue(killedAt - (last[0] + last[1]) <= longest + SLACK_MS,
                "at most the segment being written at the kill is missing at the end: " + timeline);
        assertTrue(killedAt - publishedAt - covered <= longest + SLACK_MS,
                "at most one segment's worth is missing in all: " + timeline);
    }

    @Test
    void afterAKillTheIndexMatchesTheFilesAndRecordingGoesOn() throws Exception {
        TestFiles.deleteTree(var);
        run.start();
        run.awaitRunning();
        HttpResponse<String> created = run.send("PUT", "/streamer/api/v3/streams/crash-cam", "admin", PASSWORD,
                "{\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":24491},\"segment_duration\":2,"
                        + "\"dvr\":{\"root\":\"" + root + "\"}}");
        assertEquals(201, created.statusCode(), created.body());
        publisher = MediaTools.publish("srt://127.0.0.1:24491");
        assertTrue(Deployments.eventually(Duration.ofSeconds(60), () -> files(".ts").size() >= 8), "not recording");
        long publishedAt = number("SELECT (extract(epoch FROM occurred_at) * 1000)::bigint FROM events"
                + " WHERE type = 'publish_started' AND stream = 'crash-cam' ORDER BY id LIMIT 1");

        long killedAt = System.currentTimeMillis();
        run.killWildFly();
        MediaTools.stop(publisher);
        int onDisk = files(".ts").size();

        run.start();
        run.awaitRunning();
        assertTrue(indexed() >= onDisk - 3, "the index had the segments reported before the kill: " + indexed() + " of " + onDisk);
        HttpResponse<String> pass = run.send("POST", "/streamer/api/v3/dvr/retention", "admin", PASSWORD, null);
        assertEquals(200, pass.statusCode(), pass.body());
        assertEquals(List.of(), files(".tmp"), "no half-written segment is left");
        assertEquals(files(".ts").size(), indexed(), "every segment file is in the index after the restart");
        assertTrue(indexed() >= onDisk, "the files on disk at the kill are all indexed");
        assertAtMostOneSegmentLost(publishedAt, killedAt);

        publisher = MediaTools.publish("srt://127.0.0.1:24491");
        long before = indexed();
        assertTrue(Deployments.eventually(Duration.ofSeconds(60), () -> indexed() >= before + 3), "recording did not go on");
        assertTrue(run.terminate());
    }
}
