package org.openstreamer.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A refused SRT publisher, checked for its cause. ffmpeg gives up with a non-zero exit for any
 * failure, nothing listening included, so that alone proves nothing: the server must also have
 * recorded the refusal as a {@code connection_rejected} event for that port, with the expected reject
 * code and reason (see docs/srt.md, "Refusals").
 */
final class SrtRefusal {

    private SrtRefusal() {
    }

    /**
     * Publishes to {@code url} and asserts that ffmpeg is turned away within 15 s and that the server
     * recorded a {@code connection_rejected} event on {@code port} with {@code code} and a reason
     * containing {@code reason}.
     */
    static void assertRejected(String url, int port, int code, String reason, String what, List<Process> processes)
            throws Exception {
        long since = lastEventId();
        String said = publishAndFail(url, what, processes);
        List<String> found = new ArrayList<>();
        boolean recorded = Deployments.eventually(Duration.ofSeconds(10), () -> {
            found.clear();
            found.addAll(rejections(since, port));
            return found.stream().anyMatch(e -> e.startsWith(code + " ") && e.contains(reason));
        });
        assertTrue(recorded, what + ": no connection_rejected event on port " + port + " with code " + code
                + " and a reason containing '" + reason + "'; recorded: " + found + "; ffmpeg said:\n" + said);
    }

    /**
     * Publishes to {@code url} and asserts that ffmpeg is turned away within 15 s by a rejection
     * (libsrt's caller logs "REJECT ..." on a rejected handshake, and nothing of the kind when no one
     * answers). For refusals the server deliberately records no event per caller: those for a failing
     * configuration backend, which is logged once per failure window instead.
     */
    static void assertRejectedByHandshake(String url, String what, List<Process> processes) throws Exception {
        String said = publishAndFail(url, what, processes);
        assertTrue(said.toUpperCase().contains("REJECT"), what + ": ffmpeg failed without a rejection:\n" + said);
    }

    /**
     * Publishes to {@code url} and asserts that no one answers there: ffmpeg gives up within 15 s
     * without a rejection, and the server recorded no {@code connection_rejected} event on {@code port}.
     */
    static void assertNobodyListens(String url, int port, String what, List<Process> processes) throws Exception {
        long since = lastEventId();
        String said = publishAndFail(url, what, processes);
        assertTrue(!said.toUpperCase().contains("REJECT"), what + ": a listener answered with a rejection:\n" + said);
        assertTrue(rejections(since, port).isEmpty(), what + ": the server refused the caller: " + rejections(since, port));
    }

    /** ffmpeg's output; asserts it ended with an error within 15 s. */
    private static String publishAndFail(String url, String what, List<Process> processes) throws Exception {
        Path log = Files.createTempFile("srt-refused-", ".log");
        try {
            Process p = MediaTools.publish(url, log);
            processes.add(p);
            assertTrue(p.waitFor(15, TimeUnit.SECONDS), what + ": the caller was let in (ffmpeg still running after 15 s)");
            String said = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
            assertNotEquals(0, p.exitValue(), what + ": ffmpeg ended without an error:\n" + said);
            return said;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static long lastEventId() throws Exception {
        try (Connection c = TestDatabase.connect();
             PreparedStatement q = c.prepareStatement("SELECT coalesce(max(id), 0) FROM events");
             ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** "code reason" of each connection_rejected event on the port after the given event id. */
    private static List<String> rejections(long since, int port) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection c = TestDatabase.connect();
             PreparedStatement q = c.prepareStatement("SELECT data->>'code', data->>'reason' FROM events"
                     + " WHERE type = 'connection_rejected' AND id > ? AND data->>'port' = ? ORDER BY id")) {
            q.setLong(1, since);
            q.setString(2, Integer.toString(port));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
        }
        return found;
    }
}
