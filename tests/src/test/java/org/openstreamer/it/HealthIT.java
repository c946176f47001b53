package org.openstreamer.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /health is open, JSON, and says UP only when the database, the adapter and FFmpeg are. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(2)
class HealthIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    static Map<String, JsonObject> checks(HttpResponse<String> r) {
        return Http.object(r).getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(c -> c.getString("name"), c -> c));
    }

    @Test
    void everythingIsUpWithoutLoggingIn() throws Exception {
        // FFmpeg loads in the background right after deploy: give it a moment.
        assertTrue(Deployments.eventually(Duration.ofSeconds(30), () -> Http.get("/health").statusCode() == 200));
        HttpResponse<String> r = Http.get("/health");
        assertEquals("UP", Http.object(r).getString("status"));
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));

        Map<String, JsonObject> checks = checks(r);
        assertEquals(3, checks.size(), r.body());
        checks.values().forEach(c -> assertEquals("UP", c.getString("status"), c.toString()));

        JsonObject db = checks.get("database").getJsonObject("data");
        assertEquals("20", db.getString("schema_version"), "the newest migration, V20");
        assertTrue(db.getString("server_version").matches("\\d+.*"));

        JsonObject ffmpeg = checks.get("ffmpeg").getJsonObject("data");
        assertTrue(ffmpeg.getString("version").matches("\\d+\\.\\d+.*"), ffmpeg.toString());
        assertTrue(ffmpeg.getBoolean("srt"));

        JsonObject ra = checks.get("resource-adapter").getJsonObject("data");
        assertTrue(ra.containsKey("started_at"));
        String expectedJava = System.getProperty("it.expect.java.feature");
        if (expectedJava != null && !expectedJava.isBlank()) { // set by the second-JDK pass
            assertTrue(ra.getString("java").startsWith(expectedJava), "server runs on Java " + ra.getString("java"));
        }
    }
}
