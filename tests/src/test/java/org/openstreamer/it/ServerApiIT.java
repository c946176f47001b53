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
import org.openstreamer.ejb.service.PasswordHasher;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The v3 server endpoint and the login rules of the API, against the deployed EAR. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(1)
class ServerApiIT {

    private static final String SERVER = "/streamer/api/v3/server";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @AfterEach
    void removeTestRows() throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM streams WHERE name LIKE 'it-%'");
            s.executeUpdate("DELETE FROM users WHERE username LIKE 'it-%'");
        }
    }

    @Test
    void adminGetsServerFiguresAsSnakeCaseJson() throws Exception {
        HttpResponse<String> r = Http.admin(SERVER);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonObject o = Http.object(r);
        assertFalse(o.getString("version").isBlank());
        assertFalse(o.getString("hostname").isBlank());
        assertTrue(o.getJsonNumber("uptime").longValue() >= 0);
        assertEquals(0, o.getInt("total_streams"));
        assertEquals(0, o.getInt("online_streams"));
        assertEquals(0, o.getInt("total_clients"));
        assertEquals(0, o.getInt("input_kbit"));
        assertEquals(0, o.getInt("output_kbit"));
    }

    @Test
    void totalStreamsCountsTheRowsInPostgres() throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO streams (name) VALUES ('it-one'), ('it-two')");
        }
        assertEquals(2, Http.object(Http.admin(SERVER)).getInt("total_streams"));
    }

    @Test
    void withoutCredentialsTheAnswerIs401WithAChallengeAndAJsonBody() throws Exception {
        HttpResponse<String> r = Http.get(SERVER);
        assertEquals(401, r.statusCode());
        assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        assertEquals("unauthorized", Http.object(r).getString("error"));
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        assertEquals(401, Http.get(SERVER, Http.ADMIN, Http.ADMIN_PASSWORD + "x").statusCode());
        assertEquals(401, Http.get(SERVER, "nobody", "whatever-password").statusCode());
    }

    @Test
    void aViewerMayReadButNotChange() throws Exception {
        try (Connection c = TestDatabase.connect();
             PreparedStatement u = c.prepareStatement("INSERT INTO users (username, password_hash) VALUES (?, ?)");
             PreparedStatement role = c.prepareStatement("INSERT INTO user_roles (username, role) VALUES (?, 'viewer')")) {
            u.setString(1, "it-viewer");
            u.setString(2, PasswordHasher.hash("viewer-password".toCharArray()));
            u.executeUpdate();
            role.setString(1, "it-viewer");
            role.executeUpdate();
        }
        assertEquals(200, Http.get(SERVER, "it-viewer", "viewer-password").statusCode());

        HttpResponse<String> write = Http.send("POST", SERVER, "it-viewer", "viewer-password", "{}");
        assertEquals(403, write.statusCode());
        assertEquals("forbidden", Http.object(write).getString("error"));

        HttpResponse<String> adminWrite = Http.send("POST", SERVER, Http.ADMIN, Http.ADMIN_PASSWORD, "{}");
        assertEquals(405, adminWrite.statusCode(), "the server resource is read-only, even for an admin");
        assertEquals("method_not_allowed", Http.object(adminWrite).getString("error"));
    }

    @Test
    void unknownApiPathsAndBadParametersAnswerJsonErrors() throws Exception {
        HttpResponse<String> missing = Http.admin("/streamer/api/v3/no-such-thing");
        assertEquals(404, missing.statusCode());
        assertEquals("not_found", Http.object(missing).getString("error"));

        HttpResponse<String> bad = Http.admin("/streamer/api/v3/events?limit=0");
        assertEquals(400, bad.statusCode());
        JsonObject error = Http.object(bad);
        assertEquals("bad_request", error.getString("error"));
        assertTrue(error.getString("message").contains("limit"));
    }

    @Test
    void engineEndpointReportsFfmpegAndNoPipelinesYet() throws Exception {
        JsonObject o = Http.object(Http.admin("/streamer/api/v3/engine"));
        JsonObject engine = o.getJsonObject("engine");
        assertTrue(engine.getBoolean("running"));
        assertTrue(engine.getBoolean("ffmpeg_loaded"));
        assertTrue(engine.getBoolean("srt_protocol"));
        assertTrue(o.getJsonArray("pipelines").isEmpty());
    }
}
