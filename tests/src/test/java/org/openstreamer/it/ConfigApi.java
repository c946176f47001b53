package org.openstreamer.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.openstreamer.ejb.service.PasswordHasher;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shared steps of the stream and config API tests: admin calls, error checks, clean-up, the engine log. */
final class ConfigApi {

    static final String STREAMS = "/streamer/api/v3/streams/";
    static final String CONFIG = "/streamer/api/v3/config";
    static final String VIEWER = "it-viewer";
    static final String VIEWER_PASSWORD = "viewer-password";
    static final String ENGINE_CONFIGURED = "Media engine configured: ";

    private ConfigApi() {
    }

    static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    static HttpResponse<String> admin(String method, String path, String body) throws IOException, InterruptedException {
        return Http.send(method, path, Http.ADMIN, Http.ADMIN_PASSWORD, body);
    }

    /** An admin request with this Content-Type (null: none at all). */
    static HttpResponse<String> adminTyped(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(Http.uri(path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (Http.ADMIN + ":" + Http.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return Http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> putStream(String name, String body) throws IOException, InterruptedException {
        return admin("PUT", STREAMS + name, body);
    }

    /** The stream's configuration as GET shows it, without the live "stats" every GET adds. */
    static JsonObject getStream(String name) throws IOException, InterruptedException {
        JsonObject stream = getStreamWithStats(name);
        return Json.createObjectBuilder(stream).remove("stats").build();
    }

    static JsonObject getStreamWithStats(String name) throws IOException, InterruptedException {
        HttpResponse<String> r = admin("GET", STREAMS + name, null);
        assertEquals(200, r.statusCode(), r.body());
        JsonObject stream = Http.object(r);
        assertTrue(stream.containsKey("stats"), r.body());
        return stream;
    }

    /** Asserts the response is the API error {@code code} on {@code field} with this status; returns its message. */
    static String assertError(HttpResponse<String> r, int status, String code, String field) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.body());
        JsonObject e = Http.object(r);
        assertEquals(code, e.getString("error"), r.body());
        assertEquals(field, e.containsKey("field") ? e.getString("field") : null, r.body());
        assertTrue(!e.getString("message").isBlank(), r.body());
        return e.getString("message");
    }

    static void createViewer() throws Exception {
        try (Connection c = TestDatabase.connect();
             PreparedStatement u = c.prepareStatement("INSERT INTO users (username, password_hash) VALUES (?, ?)");
             PreparedStatement role = c.prepareStatement("INSERT INTO user_roles (username, role) VALUES (?, 'viewer')")) {
            u.setString(1, VIEWER);
            u.setString(2, PasswordHasher.hash(VIEWER_PASSWORD.toCharArray()));
            u.executeUpdate();
            role.setString(1, VIEWER);
            role.executeUpdate();
        }
    }

    /** Removes the test streams and users and clears the server config, so later test classes start clean. */
    static void cleanUp() throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM streams WHERE name LIKE 'it-%'");
            s.executeUpdate("DELETE FROM publish_locations WHERE prefix LIKE 'it-%'");
            s.executeUpdate("DELETE FROM stream_templates WHERE name LIKE 'it-%'");
            s.executeUpdate("DELETE FROM users WHERE username LIKE 'it-%'");
            s.executeUpdate("DELETE FROM notify_sinks WHERE name LIKE 'it-%'");
        }
        assertEquals(200, admin("PUT", CONFIG, "{}").statusCode());
    }

    static long count(String sql, Object... args) throws Exception {
        try (Connection c = TestDatabase.connect(); PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                q.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The ports of srt_ports as "port:owner:kind" (owner "-" for the server), in port order. */
    static List<String> srtPorts() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT port, coalesce(stream, '-'), kind FROM srt_ports ORDER BY port")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + ":" + rs.getString(2) + ":" + rs.getString(3));
            }
        }
        return rows;
    }

    /** How many lines of the server log contain {@code text}. */
    static long serverLogLines(String text) throws IOException {
        return Files.readAllLines(Path.of(System.getProperty("it.server.log"))).stream().filter(l -> l.contains(text)).count();
    }

    /** The server log's lines telling what was pushed to the media engine, oldest first. */
    static List<String> enginePushes() throws IOException {
        return Files.readAllLines(Path.of(System.getProperty("it.server.log"))).stream()
                .filter(l -> l.contains(ENGINE_CONFIGURED))
                .map(l -> l.substring(l.indexOf(ENGINE_CONFIGURED) + ENGINE_CONFIGURED.length()))
                .toList();
    }
}
