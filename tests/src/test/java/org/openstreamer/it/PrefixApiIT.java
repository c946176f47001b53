package org.openstreamer.it;

import jakarta.json.JsonArray;
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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstreamer.it.ConfigApi.admin;
import static org.openstreamer.it.ConfigApi.assertError;
import static org.openstreamer.it.ConfigApi.count;
import static org.openstreamer.it.ConfigApi.getStreamWithStats;
import static org.openstreamer.it.ConfigApi.json;

/**
 * {@code /live} (publish locations) and {@code /templates}: create, read, replace, merge-patch,
 * delete, what PostgreSQL holds, their validation, one owner per prefix, and streams that a
 * template makes of names nobody configured.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(32)
class PrefixApiIT {

    static final String LIVE = "/streamer/api/v3/live/";
    static final String TEMPLATES = "/streamer/api/v3/templates/";

    static final String CHATS = "{\"title\":\"Chats\",\"password\":\"mypass\",\"on_publish\":\"http://127.0.0.1:9/publish\","
            + "\"srt_publish\":{\"passphrase\":\"chats-passphrase\"},\"segment_duration\":2,"
            + "\"dvr\":{\"root\":\"/storage\",\"depth\":259200,\"storage_limit\":500000000000,\"offline\":true},"
            + "\"pushes\":[{\"url\":\"rtmp://cdn.example.com/client43/%s\"}],\"meta\":{\"team\":\"support\"}}";
    static final String CHATS_STORED = "{\"prefix\":\"it-chats\",\"title\":\"Chats\",\"disabled\":false,\"password\":\"mypass\","
            + "\"on_publish\":\"http://127.0.0.1:9/publish\",\"srt_publish\":{\"passphrase\":\"chats-passphrase\",\"latency\":120},"
            + "\"segment_duration\":2,\"segment_count\":4,"
            + "\"dvr\":{\"root\":\"/storage\",\"depth\":259200,\"storage_limit\":500000000000,\"offline\":true},"
            + "\"pushes\":[{\"url\":\"rtmp://cdn.example.com/client43/%s\",\"retry_timeout\":5,\"disabled\":false}],"
            + "\"meta\":{\"team\":\"support\"}}";
    static final String NSK = "{\"prefix\":\"it-nsk\",\"inputs\":[{\"url\":\"rtsp://127.0.0.1:555/%s\",\"source_timeout\":10}],"
            + "\"clients_timeout\":20,\"pushes\":[{\"url\":\"srt://cdn.example.com:9000?streamid=%s\"}]}";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @AfterEach
    void cleanUp() throws Exception {
        ConfigApi.cleanUp();
    }

    @Test
    void publishLocationsRoundTripThroughPostgres() throws Exception {
        HttpResponse<String> created = admin("PUT", LIVE + "it-chats", CHATS);
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith(LIVE + "it-chats"));
        assertEquals(json(CHATS_STORED), Http.object(created));
        assertEquals(json(CHATS_STORED), Http.object(Http.admin(LIVE + "it-chats")));
        assertEquals(1, count("SELECT count(*) FROM publish_locations WHERE prefix = 'it-chats' "
                + "AND options->>'password' = 'mypass' AND (options->>'segment_duration')::int = 2"));

        assertEquals(201, admin("PUT", LIVE + "it-chats/studio", "{}").statusCode(), "a prefix may hold '/'");
        JsonArray all = Http.object(Http.admin("/streamer/api/v3/live")).getJsonArray("live");
        assertEquals(List.of("it-chats", "it-chats/studio"), all.getValuesAs(JsonObject.class).stream()
                .map(l -> l.getString("prefix")).filter(p -> p.startsWith("it-")).toList());

        String body = Http.admin(LIVE + "it-chats").body();
        assertEquals(200, admin("PUT", LIVE + "it-chats", body).statusCode(), "GET's answer is a valid PUT");
        HttpResponse<String> patched = admin("PATCH", LIVE + "it-chats", "{\"password\":null,\"segment_count\":6,\"dvr\":{\"offline\":false}}");
        assertEquals(200, patched.statusCode(), patched.body());
        JsonObject now = Http.object(Http.admin(LIVE + "it-chats"));
        assertTrue(!now.containsKey("password") && now.getInt("segment_count") == 6
                && !now.getJsonObject("dvr").getBoolean("offline"), now.toString());
        JsonObject event = Http.array(Http.admin("/streamer/api/v3/events?type=stream_reconfigured&limit=1")).getJsonObject(0);
        assertEquals(json("{\"publish_location\":\"it-chats\",\"change\":\"updated\",\"fields\":[\"password\",\"segment_count\",\"dvr\"]}"),
                event.getJsonObject("data"));

        assertEquals(204, admin("DELETE", LIVE + "it-chats", null).statusCode());
        assertError(Http.admin(LIVE + "it-chats"), 404, "not_found", null);
        assertError(admin("DELETE", LIVE + "it-chats", null), 404, "not_found", null);
        assertError(admin("PATCH", LIVE + "it-chats", "{}"), 404, "not_found", null);
        assertEquals(0, count("SELECT count(*) FROM publish_locations WHERE prefix = 'it-chats'"));
    }

    @Test
    void templatesRoundTripAndMakeStreamsOfTheNamesUnderTheirPrefix() throws Exception {
        HttpResponse<String> created = admin("PUT", TEMPLATES + "it-nsk", NSK);
        assertEquals(201, created.statusCode(), created.body());
        JsonObject stored = Http.object(Http.admin(TEMPLATES + "it-nsk"));
        assertEquals(json("{\"name\":\"it-nsk\",\"prefix\":\"it-nsk\",\"disabled\":false,\"publish_enabled\":false,"
                + "\"clients_timeout\":20,\"retry_limit\":10,\"inputs\":[{\"url\":\"rtsp://127.0.0.1:555/%s\",\"source_timeout\":10}],"
                + "\"segment_duration\":4,\"segment_count\":4,"
                + "\"pushes\":[{\"url\":\"srt://cdn.example.com:9000?streamid=%s\",\"retry_timeout\":5,\"disabled\":false}],"
                + "\"meta\":{}}"), stored);
        assertEquals(1, count("SELECT count(*) FROM stream_templates WHERE name = 'it-nsk' AND prefix = 'it-nsk'"));
        assertTrue(Http.object(Http.admin("/streamer/api/v3/templates")).getJsonArray("templates")
                .getValuesAs(JsonObject.class).stream().anyMatch(t -> t.getString("name").equals("it-nsk")));

        // A name under the prefix is an on-demand stream with %s filled in; a configured stream wins.
        JsonObject ort = getStreamWithStats("it-nsk/ort");
        assertEquals("rtsp://127.0.0.1:555/ort", ort.getJsonArray("inputs").getJsonObject(0).getString("url"));
        assertEquals("srt://cdn.example.com:9000?streamid=ort", ort.getJsonArray("pushes").getJsonObject(0).getString("url"),
                "%s in a push URL is the rest of the name, as in input URLs");
        assertEquals(false, ort.getBoolean("static"));
        assertEquals(20, ort.getInt("clients_timeout"));
        assertEquals(json("{\"status\":\"idle\",\"alive\":false,\"running\":false,\"template\":\"it-nsk\"}"), ort.getJsonObject("stats"));
        assertEquals(201, ConfigApi.putStream("it-nsk/ort", "{\"title\":\"Own\"}").statusCode());
        assertEquals("Own", getStreamWithStats("it-nsk/ort").getString("title"));
        assertError(admin("GET", ConfigApi.STREAMS + "it-nsk", null), 404, "not_found", null);
        assertError(admin("GET", ConfigApi.STREAMS + "it-nskx/ort", null), 404, "not_found", null);

        assertEquals(200, admin("PATCH", TEMPLATES + "it-nsk", "{\"prefix\":\"it-nsk2\"}").statusCode());
        assertEquals("rtsp://127.0.0.1:555/a/b", getStreamWithStats("it-nsk2/a/b").getJsonArray("inputs")
                .getJsonObject(0).getString("url"), "the rest of the name may hold '/'");
        assertEquals(200, admin("PUT", TEMPLATES + "it-nsk", Http.admin(TEMPLATES + "it-nsk").body()).statusCode());
        assertEquals(204, admin("DELETE", TEMPLATES + "it-nsk", null).statusCode());
        assertError(admin("GET", ConfigApi.STREAMS + "it-nsk2/a", null), 404, "not_found", null);
    }

    /** RFC 7396 with either content type, for publish locations and templates: null removes, also nested. */
    @Test
    void mergePatchNullsRemoveWithEitherContentType() throws Exception {
        for (String type : List.of("application/merge-patch+json", "application/json")) {
            for (String path : List.of(LIVE + "it-chats", TEMPLATES + "it-tpl")) {
                String body = path.startsWith(LIVE) ? CHATS : CHATS.replace("{\"title\"", "{\"prefix\":\"it-tpl\",\"title\"");
                assertEquals(201, admin("PUT", path, body.replace("\"title\":\"Chats\",", "\"title\":\"Chats\",\"max_sessions\":5,"))
                        .statusCode(), type + " " + path);
                HttpResponse<String> r = ConfigApi.adminTyped("PATCH", path, type,
                        "{\"title\":null,\"max_sessions\":null,\"srt_publish\":{\"passphrase\":null},\"dvr\":{\"depth\":null},"
                        + "\"pushes\":[],\"meta\":{\"team\":null,\"desk\":2}}");
                assertEquals(200, r.statusCode(), type + " " + path + ": " + r.body());
                for (JsonObject o : List.of(Http.object(r), Http.object(Http.admin(path)))) {
                    String at = type + " " + path + ": " + o;
                    assertFalse(o.containsKey("title"), at);
                    assertFalse(o.containsKey("max_sessions"), at);
                    assertEquals(json("{\"latency\":120}"), o.getJsonObject("srt_publish"), at);
                    assertEquals(json("{\"root\":\"/storage\",\"storage_limit\":500000000000,\"offline\":true}"),
                            o.getJsonObject("dvr"), at);
                    assertEquals(0, o.getJsonArray("pushes").size(), at);
                    assertEquals(json("{\"desk\":2}"), o.getJsonObject("meta"), at);
                }
                assertEquals(204, admin("DELETE", path, null).statusCode());
            }
        }
    }

    @Test
    void aNameUnderAPublishLocationIsNoStreamUntilPublished() throws Exception {
        assertEquals(201, admin("PUT", LIVE + "it-chats", CHATS).statusCode());
        assertError(admin("GET", ConfigApi.STREAMS + "it-chats/room1", null), 404, "not_found", null);
    }

    @Test
    void aPrefixHasOneOwner() throws Exception {
        assertEquals(201, admin("PUT", LIVE + "it-shared", "{}").statusCode());
        String m = assertError(admin("PUT", TEMPLATES + "it-t1", "{\"prefix\":\"it-shared\"}"), 409, "prefix_conflict", "prefix");
        assertTrue(m.contains("publish location it-shared"), m);
        assertEquals(201, admin("PUT", TEMPLATES + "it-t1", "{\"prefix\":\"it-tpl\"}").statusCode());
        m = assertError(admin("PUT", TEMPLATES + "it-t2", "{\"prefix\":\"it-tpl\"}"), 409, "prefix_conflict", "prefix");
        assertTrue(m.contains("template it-t1"), m);
        m = assertError(admin("PUT", LIVE + "it-tpl", "{}"), 409, "prefix_conflict", "prefix");
        assertTrue(m.contains("template it-t1"), m);
        assertError(admin("PATCH", TEMPLATES + "it-t1", "{\"prefix\":\"it-shared\"}"), 409, "prefix_conflict", "prefix");
        assertEquals("it-tpl", Http.object(Http.admin(TEMPLATES + "it-t1")).getString("prefix"), "refused patches change nothing");
        assertEquals(0, count("SELECT count(*) FROM stream_templates WHERE name = 'it-t2'"));
        assertEquals(0, count("SELECT count(*) FROM publish_locations WHERE prefix = 'it-tpl'"));
    }

    @Test
    void locationsAndTemplatesAreValidatedLikeStreams() throws Exception {
        Object[][] live = {
                {"it-chats", "{\"inputs\":[{\"url\":\"publish://\"}]}", 400, "invalid_value", "inputs"},
                {"it-chats", "{\"static\":true}", 400, "invalid_value", "static"},
                {"it-chats", "{\"srt_publish\":{\"port\":24190}}", 400, "invalid_value", "srt_publish.port"},
                {"it-chats", "{\"srt_publish\":{\"passphrase\":\"short\"}}", 400, "invalid_value", "srt_publish.passphrase"},
                {"it-chats", "{\"prefix\":\"it-other\"}", 400, "name_mismatch", "prefix"},
                {"it-chats", "{\"dvr\":{\"root\":\"/s\",\"schedule\":\"25-1\"}}", 400, "invalid_value", "dvr.schedule"},
                {"it-chats", "{\"pushes\":[{\"url\":\"http://cdn/%s\"}]}", 400, "invalid_value", "pushes[0].url"},
                {"it-a//b", "{}", 400, "invalid_value", "prefix"},
                {"it-a/-/b", "{}", 400, "invalid_value", "prefix"},
                {"it-a%20b", "{}", 400, "invalid_value", "prefix"},
        };
        Object[][] templates = {
                {"it-t", "{}", 400, "missing_value", "prefix"},
                {"it-t", "{\"prefix\":\"it-t\",\"static\":true}", 400, "invalid_value", "static"},
                {"it-t", "{\"prefix\":\"it-t/\"}", 400, "invalid_value", "prefix"},
                {"it-t", "{\"prefix\":\"it-t\",\"inputs\":[{\"url\":\"http://origin/%s\"}]}", 400, "invalid_value", "inputs[0].url"},
                {"it-t", "{\"prefix\":\"it-t\",\"srt\":{\"port\":24191}}", 400, "invalid_value", "srt.port"},
                {"it-t", "{\"name\":\"it-u\",\"prefix\":\"it-t\"}", 400, "name_mismatch", "name"},
                {"it-t", "{\"prefix\":7}", 400, "invalid_type", "prefix"},
        };
        for (Object[] c : live) {
            assertError(admin("PUT", LIVE + c[0], (String) c[1]), (int) c[2], (String) c[3], (String) c[4]);
        }
        for (Object[] c : templates) {
            assertError(admin("PUT", TEMPLATES + c[0], (String) c[1]), (int) c[2], (String) c[3], (String) c[4]);
        }
        assertEquals(0, count("SELECT count(*) FROM publish_locations WHERE prefix LIKE 'it-%'"));
        assertEquals(0, count("SELECT count(*) FROM stream_templates WHERE name LIKE 'it-%'"));
    }

    @Test
    void aViewerMayReadButNotChange() throws Exception {
        assertEquals(201, admin("PUT", LIVE + "it-chats", CHATS).statusCode());
        ConfigApi.createViewer();
        String v = ConfigApi.VIEWER;
        String p = ConfigApi.VIEWER_PASSWORD;
        assertEquals(200, Http.get(LIVE + "it-chats", v, p).statusCode());
        assertEquals(200, Http.get("/streamer/api/v3/templates", v, p).statusCode());
        assertError(Http.send("PUT", LIVE + "it-chats", v, p, "{}"), 403, "forbidden", null);
        assertError(Http.send("DELETE", LIVE + "it-chats", v, p, null), 403, "forbidden", null);
        assertError(Http.send("PUT", TEMPLATES + "it-t", v, p, "{\"prefix\":\"it-t\"}"), 403, "forbidden", null);
    }
}
