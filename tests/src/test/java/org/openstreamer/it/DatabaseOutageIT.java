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

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL goes away while WildFly runs: /health says DOWN, the API answers 503 with a JSON
 * error, nothing stored is lost, and everything recovers when it returns, without a redeploy.
 * Runs last: it stops the shared test database.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(100)
class DatabaseOutageIT {

    private static final String SERVER = "/streamer/api/v3/server";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @AfterEach
    void databaseIsBack() {
        TestDatabase.start();
    }

    @Test
    void outageIsReportedAndRecoveredFromWithoutLosingData() throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO streams (name) VALUES ('kept-across-outage')");
        }
        assertEquals(200, Http.admin(SERVER).statusCode()); // signs the admin in before the outage

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

        TestDatabase.start();

        assertTrue(Deployments.eventually(Duration.ofSeconds(30), () -> Http.get("/health").statusCode() == 200),
                "health recovers by itself");
        HttpResponse<String> after = Http.admin(SERVER);
        assertEquals(200, after.statusCode(), after.body());
        assertEquals(1, Http.object(after).getInt("total_streams"));
        assertEquals(200, Http.admin("/streamer/api/v3/streams/kept-across-outage").statusCode());
        assertEquals(404, Http.admin("/streamer/api/v3/streams/written-during-outage").statusCode());
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM streams WHERE name = 'kept-across-outage'")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
        }
    }
}
