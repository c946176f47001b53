package org.openstreamer.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Engine events travel from the resource adapter through the inbound JCA contract to the MDB and
 * into PostgreSQL: deploying records engine_started, undeploying records engine_stopping.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(4)
class EngineEventsIT {

    private static final String EAR = "ear";

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = EAR, managed = false, testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    static int count(String type) throws Exception {
        try (Connection c = TestDatabase.connect();
             PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM events WHERE type = ?")) {
            q.setString(1, type);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void startAndStopOfTheEngineAreRecorded() throws Exception {
        int started = count("engine_started");
        int stopping = count("engine_stopping");

        deployer.deploy(EAR);
        try {
            assertTrue(Deployments.eventually(Duration.ofSeconds(30), () -> count("engine_started") == started + 1),
                    "engine_started was not recorded");

            JsonArray events = Http.array(Http.admin("/streamer/api/v3/events?type=engine_started&limit=1"));
            assertEquals(1, events.size());
            JsonObject latest = events.getJsonObject(0);
            assertEquals("engine_started", latest.getString("type"));
            assertFalse(latest.getString("node").isBlank());
            assertFalse(latest.getString("occurred_at").isBlank());
            JsonObject data = latest.getJsonObject("data");
            assertTrue(data.getString("ffmpeg").matches("\\d+\\.\\d+.*"), data.toString());
            assertTrue(data.getBoolean("srt"), "a boolean, not a string: " + data);
            assertEquals(JsonValue.ValueType.STRING, data.get("version").getValueType(), data.toString());
        } finally {
            deployer.undeploy(EAR);
        }
        assertEquals(stopping + 1, count("engine_stopping"), "engine_stopping is recorded before the undeploy returns");
    }
}
