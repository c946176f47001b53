package org.openstreamer.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstreamer.it.ConfigApi.STREAMS;
import static org.openstreamer.it.ConfigApi.admin;
import static org.openstreamer.it.ConfigApi.count;
import static org.openstreamer.it.ConfigApi.getStream;
import static org.openstreamer.it.ConfigApi.getStreamWithStats;
import static org.openstreamer.it.ConfigApi.json;
import static org.openstreamer.it.ConfigApi.putStream;

/**
 * The whole stream model through {@code /streams}: every option of the v3 shape stored in
 * PostgreSQL and given back, each new validation rule refused with its status and field, and the
 * state a static stream without a source shows ({@code waiting}, not alive).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(31)
class StreamModelIT {

    /** Every option, some of them at their defaults left out. */
    static final String FULL = "{\"title\":\"Studio\",\"static\":false,\"clients_timeout\":20,\"retry_limit\":3,"
            + "\"password\":\"pub-secret\",\"on_publish\":\"http://127.0.0.1:9/publish\","
            + "\"auth\":\"https://auth.example.com/play\",\"max_sessions\":1000,\"max_bitrate\":6000,"
            + "\"inputs\":[{\"url\":\"publish://\",\"priority\":1,\"source_timeout\":60},"
            + "{\"url\":\"tshttp://127.0.0.1:9/ts\",\"priority\":2,\"user_agent\":\"VLC\",\"program\":3,\"tracks\":[1,2]}],"
            + "\"srt_publish\":{\"port\":24150,\"passphrase\":\"securePass1\"},\"srt_play\":{\"port\":24151},"
            + "\"srt\":{\"passphrase\":\"0123456789ab\"},"
            + "\"dvr\":{\"root\":\"/storage\",\"depth\":432000,\"disk_limit\":90,\"storage_limit\":500000000000,"
            + "\"schedule\":\"8:00-16:00,22-1:30\"},"
            + "\"pushes\":[{\"url\":\"rtmp://cdn.example.com/live/%s\",\"retry_timeout\":10,\"retry_limit\":5,\"disabled\":true,"
            + "\"timeout\":30},{\"url\":\"srt://cdn.example.com:9000\"}],"
            + "\"backup\":{\"file\":\"vod/blank.mp4\"},\"segment_duration\":6,\"segment_count\":5,\"meta\":{\"owner\":\"studio 2\"}}";

    /** FULL as the API gives it back: defaults written out, auth as on_play. */
    static final String FULL_STORED = "{\"name\":\"it-full\",\"title\":\"Studio\",\"disabled\":false,\"publish_enabled\":false,"
            + "\"static\":false,\"clients_timeout\":20,\"retry_limit\":3,"
            + "\"password\":\"pub-secret\",\"on_publish\":\"http://127.0.0.1:9/publish\","
            + "\"on_play\":\"https://auth.example.com/play\",\"max_sessions\":1000,\"max_bitrate\":6000,"
            + "\"inputs\":[{\"url\":\"publish://\",\"priority\":1,\"source_timeout\":60},"
            + "{\"url\":\"tshttp://127.0.0.1:9/ts\",\"priority\":2,\"source_timeout\":60,\"user_agent\":\"VLC\",\"program\":3,\"tracks\":[1,2]}],"
            + "\"srt\":{\"passphrase\":\"0123456789ab\",\"latency\":120},"
            + "\"srt_publish\":{\"port\":24150,\"passphrase\":\"securePass1\",\"latency\":120},"
            + "\"srt_play\":{\"port\":24151,\"latency\":120},\"segment_duration\":6,\"segment_count\":5,"
            + "\"dvr\":{\"root\":\"/storage\",\"depth\":432000,\"disk_limit\":90,\"storage_limit\":500000000000,"
            + "\"schedule\":\"8:00-16:00,22-1:30\",\"offline\":false},"
            + "\"pushes\":[{\"url\":\"rtmp://cdn.example.com/live/%s\",\"retry_timeout\":10,\"retry_limit\":5,\"disabled\":true,"
            + "\"timeout\":30},{\"url\":\"srt://cdn.example.com:9000\",\"retry_timeout\":5,\"disabled\":false}],"
            + "\"backup\":{\"file\":\"vod/blank.mp4\"},\"meta\":{\"owner\":\"studio 2\"}}";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @AfterEach
    void cleanUp() throws Exception {
        ConfigApi.cleanUp();
    }

    @Test
    void theFullShapeRoundTripsThroughPostgres() throws Exception {
        HttpResponse<String> created = putStream("it-full", FULL);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(json(FULL_STORED), Http.object(created));
        assertEquals(json(FULL_STORED), getStream("it-full"));

        assertEquals(1, count("SELECT count(*) FROM streams WHERE name = 'it-full' AND NOT static AND clients_timeout = 20 "
                + "AND retry_limit = 3 AND password = 'pub-secret' AND on_publish = 'http://127.0.0.1:9/publish' "
                + "AND on_play = 'https://auth.example.com/play' AND max_sessions = 1000 AND max_bitrate = 6000 "
                + "AND dvr_root = '/storage' AND dvr_depth = 432000 AND dvr_disk_limit = 90 "
                + "AND dvr_storage_limit = 500000000000 AND dvr_schedule = '8:00-16:00,22-1:30' AND NOT dvr_offline "
                + "AND backup_file = 'vod/blank.mp4'"));
        assertEquals(1, count("SELECT count(*) FROM stream_pushes WHERE stream = 'it-full' AND position = 0 "
                + "AND url = 'rtmp://cdn.example.com/live/%s' AND retry_timeout = 10 AND retry_limit = 5 AND disabled AND timeout = 30"));
        assertEquals(1, count("SELECT count(*) FROM stream_pushes WHERE stream = 'it-full' AND position = 1 "
                + "AND retry_timeout = 5 AND retry_limit IS NULL AND NOT disabled AND timeout IS NULL"));
        assertEquals(1, count("SELECT count(*) FROM stream_inputs WHERE stream = 'it-full' AND position = 1 "
                + "AND options = '{\"user_agent\":\"VLC\",\"program\":3,\"tracks\":[1,2]}'::jsonb"));

        // What GET gives, PUT takes unchanged (stats included); a merge patch changes only what it names.
        assertEquals(200, putStream("it-full", admin("GET", STREAMS + "it-full", null).body()).statusCode());
        HttpResponse<String> patched = admin("PATCH", STREAMS + "it-full", "{\"dvr\":{\"depth\":null,\"offline\":true},"
                + "\"pushes\":[{\"url\":\"udp://127.0.0.1:21234\"}],\"backup\":null,\"static\":true}");
        assertEquals(200, patched.statusCode(), patched.body());
        JsonObject now = getStream("it-full");
        assertEquals(json("{\"root\":\"/storage\",\"disk_limit\":90,\"storage_limit\":500000000000,"
                + "\"schedule\":\"8:00-16:00,22-1:30\",\"offline\":true}"), now.getJsonObject("dvr"));
        assertEquals(1, now.getJsonArray("pushes").size());
        assertFalse(now.containsKey("backup"));
        assertEquals(1, count("SELECT count(*) FROM stream_pushes WHERE stream = 'it-full'"));
        assertEquals(List.of("static", "dvr", "pushes", "backup"), Http.array(Http.admin("/streamer/api/v3/events?type=stream_reconfigured&limit=1"))
                .getJsonObject(0).getJsonObject("data").getJsonArray("fields").getValuesAs(JsonString::getString));

        assertEquals(204, admin("DELETE", STREAMS + "it-full", null).statusCode());
        assertEquals(0, count("SELECT count(*) FROM stream_pushes WHERE stream = 'it-full'"));
    }

    @Test
    void aStaticStreamWithoutASourceWaitsAndAnOnDemandOneIsIdle() throws Exception {
        assertEquals(201, putStream("it-static", "{\"inputs\":[{\"url\":\"publish://\"}]}").statusCode());
        assertEquals(201, putStream("it-ondemand", "{\"static\":false,\"inputs\":[{\"url\":\"rtp://127.0.0.1:9/a\"}]}").statusCode());
        assertEquals(201, putStream("it-off", "{\"disabled\":true}").statusCode());

        JsonObject waiting = getStreamWithStats("it-static").getJsonObject("stats");
        assertEquals("waiting", waiting.getString("status"), waiting.toString());
        assertTrue(waiting.getBoolean("running"));
        assertFalse(waiting.getBoolean("alive"), "no source: not alive");
        assertEquals(0, waiting.getInt("client_count"));
        assertFalse(waiting.containsKey("ts_delay"), "no frame yet");
        assertTrue(waiting.containsKey("start_running_at"));

        JsonObject idle = getStreamWithStats("it-ondemand").getJsonObject("stats");
        assertEquals(json("{\"status\":\"idle\",\"alive\":false,\"running\":false}"), idle);
        assertEquals("disabled", getStreamWithStats("it-off").getJsonObject("stats").getString("status"));

        // Becoming on demand stops the wait; becoming static starts it.
        assertEquals(200, admin("PATCH", STREAMS + "it-static", "{\"static\":false}").statusCode());
        assertEquals("idle", getStreamWithStats("it-static").getJsonObject("stats").getString("status"));
        // Static, it would wait for its source, but this version cannot pull rtp:// (yet): it says so.
        assertEquals(200, admin("PATCH", STREAMS + "it-ondemand", "{\"static\":true}").statusCode());
        JsonObject unsupported = getStreamWithStats("it-ondemand").getJsonObject("stats");
        assertEquals("error", unsupported.getString("status"), unsupported.toString());
        assertTrue(unsupported.getString("error").startsWith("input scheme rtp is not supported yet"), unsupported.toString());
    }

    /** Each rule of the new options refused with its status, code and field, and nothing written. */
    @Test
    void everyRuleOfTheNewOptionsIsEnforced() throws Exception {
        Object[][] cases = {
                {"{\"static\":\"yes\"}", "invalid_type", "static"},
                {"{\"clients_timeout\":-1}", "invalid_value", "clients_timeout"},
                {"{\"clients_timeout\":86401}", "invalid_value", "clients_timeout"},
                {"{\"retry_limit\":0}", "invalid_value", "retry_limit"},
                {"{\"password\":\"has space\"}", "invalid_value", "password"},
                {"{\"on_publish\":\"/etc/flussonic/publish.lua\"}", "invalid_value", "on_publish"},
                {"{\"on_play\":\"ftp://auth/x\"}", "invalid_value", "on_play"},
                {"{\"auth\":\"http://a/\",\"on_play\":\"http://b/\"}", "invalid_value", "auth"},
                {"{\"max_sessions\":0}", "invalid_value", "max_sessions"},
                {"{\"max_bitrate\":\"1000k\"}", "invalid_type", "max_bitrate"},
                {"{\"dvr\":\"/storage 90% 5d\"}", "invalid_type", "dvr"},
                {"{\"dvr\":{\"depth\":3600}}", "missing_value", "dvr.root"},
                {"{\"dvr\":{\"root\":\"storage\"}}", "invalid_value", "dvr.root"},
                {"{\"dvr\":{\"root\":\"/storage/../etc\"}}", "invalid_value", "dvr.root"},
                {"{\"dvr\":{\"root\":\"/s\",\"depth\":\"5d\"}}", "invalid_type", "dvr.depth"},
                {"{\"dvr\":{\"root\":\"/s\",\"depth\":0}}", "invalid_value", "dvr.depth"},
                {"{\"dvr\":{\"root\":\"/s\",\"disk_limit\":101}}", "invalid_value", "dvr.disk_limit"},
                {"{\"dvr\":{\"root\":\"/s\",\"disk_limit\":\"90%\"}}", "invalid_type", "dvr.disk_limit"},
                {"{\"dvr\":{\"root\":\"/s\",\"storage_limit\":0}}", "invalid_value", "dvr.storage_limit"},
                {"{\"dvr\":{\"root\":\"/s\",\"storage_limit\":\"500G\"}}", "invalid_type", "dvr.storage_limit"},
                {"{\"dvr\":{\"root\":\"/s\",\"schedule\":\"8:00-16:00,25-3\"}}", "invalid_value", "dvr.schedule"},
                {"{\"dvr\":{\"root\":\"/s\",\"schedule\":\"8-8\"}}", "invalid_value", "dvr.schedule"},
                {"{\"dvr\":{\"root\":\"/s\",\"schedule\":\"8:00 to 16:00\"}}", "invalid_value", "dvr.schedule"},
                {"{\"dvr\":{\"root\":\"/s\",\"copies\":2}}", "unknown_key", "dvr.copies"},
                {"{\"pushes\":[{\"retry_timeout\":5}]}", "missing_value", "pushes[0].url"},
                {"{\"pushes\":[{\"url\":\"http://cdn/x\"}]}", "invalid_value", "pushes[0].url"},
                {"{\"pushes\":[{\"url\":\"rtmp://cdn/x\",\"retry_timeout\":0}]}", "invalid_value", "pushes[0].retry_timeout"},
                {"{\"pushes\":[{\"url\":\"rtmp://cdn/x\",\"retry_limit\":0}]}", "invalid_value", "pushes[0].retry_limit"},
                {"{\"pushes\":[{\"url\":\"rtmp://cdn/x\",\"timeout\":0}]}", "invalid_value", "pushes[0].timeout"},
                {"{\"pushes\":[{\"url\":\"rtmp://cdn/x\",\"disabled\":\"yes\"}]}", "invalid_type", "pushes[0].disabled"},
                {"{\"pushes\":[{\"url\":\"rtmp://cdn/x\",\"speed\":2}]}", "unknown_key", "pushes[0].speed"},
                {"{\"backup\":{}}", "missing_value", "backup.file"},
                {"{\"backup\":{\"file\":\"/opt/blank.mp4\"}}", "invalid_value", "backup.file"},
                {"{\"backup\":\"vod/blank.mp4\"}", "invalid_type", "backup"},
                {"{\"inputs\":[{\"url\":\"mosaic://a,b\"}]}", "invalid_value", "inputs[0].url"},
                {"{\"inputs\":[{\"url\":\"http://camera/stream.ts\"}]}", "invalid_value", "inputs[0].url"},
        };
        List<String> failures = new ArrayList<>();
        for (Object[] c : cases) {
            HttpResponse<String> r = putStream("it-invalid", (String) c[0]);
            JsonObject e = r.body().startsWith("{") ? Http.object(r) : null;
            if (r.statusCode() != 400 || e == null || !c[1].equals(e.getString("error", null))
                    || !c[2].equals(e.getString("field", null)) || e.getString("message", "").isBlank()) {
                failures.add(c[0] + " -> " + r.statusCode() + " " + r.body());
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(0, count("SELECT count(*) FROM streams WHERE name = 'it-invalid'"), "nothing was written");

        String schedule = ConfigApi.assertError(putStream("it-invalid", "{\"dvr\":{\"root\":\"/s\",\"schedule\":\"8-16,25-3\"}}"),
                400, "invalid_value", "dvr.schedule");
        assertTrue(schedule.contains("25-3"), schedule);

        HttpResponse<String> edges = putStream("it-edges", "{\"clients_timeout\":0,\"retry_limit\":1,\"max_sessions\":1,"
                + "\"max_bitrate\":10000000,\"dvr\":{\"root\":\"@array1\",\"depth\":1,\"disk_limit\":100,\"storage_limit\":1,"
                + "\"schedule\":\"0-24\",\"offline\":true},\"pushes\":[{\"url\":\"m4s://h/x\",\"retry_timeout\":3600}],"
                + "\"on_play\":\"https://a.example.com:8443/auth?x=1\"}");
        assertEquals(201, edges.statusCode(), "the limits themselves are accepted: " + edges.body());
    }

    @Test
    void anOlderStreamRowWithoutTheNewColumnsReadsWithTheirDefaults() throws Exception {
        try (var c = TestDatabase.connect(); var s = c.createStatement()) {
            s.executeUpdate("INSERT INTO streams (name) VALUES ('it-plain')");
        }
        JsonObject plain = getStream("it-plain");
        assertEquals(json("{\"name\":\"it-plain\",\"disabled\":false,\"publish_enabled\":false,\"static\":true,"
                + "\"clients_timeout\":60,\"retry_limit\":10,\"inputs\":[],\"segment_duration\":4,\"segment_count\":4,"
                + "\"pushes\":[],\"meta\":{}}"), plain);
    }
}
