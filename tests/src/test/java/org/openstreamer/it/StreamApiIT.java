package org.openstreamer.it;

import jakarta.json.JsonArray;
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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstreamer.it.ConfigApi.STREAMS;
import static org.openstreamer.it.ConfigApi.admin;
import static org.openstreamer.it.ConfigApi.assertError;
import static org.openstreamer.it.ConfigApi.count;
import static org.openstreamer.it.ConfigApi.getStream;
import static org.openstreamer.it.ConfigApi.json;
import static org.openstreamer.it.ConfigApi.putStream;
import static org.openstreamer.it.ConfigApi.srtPorts;

/**
 * {@code /streamer/api/v3/streams}: create, read, replace, merge-patch, delete and list streams,
 * what PostgreSQL holds afterwards, the validation rules, SRT port ownership (also under
 * concurrent writes), the viewer role, and the push of every committed change to the engine.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(20)
class StreamApiIT {

    static final String CAMERA = "{\"name\":\"it-cam1\",\"title\":\"Camera 1\",\"disabled\":false,\"publish_enabled\":true,"
            + "\"inputs\":[{\"url\":\"publish://\",\"priority\":1,\"source_timeout\":60}],"
            + "\"srt\":{\"port\":31001,\"passphrase\":\"shared-secret-1\",\"latency\":200},"
            + "\"srt_publish\":{\"passphrase\":\"securePass\"},\"srt_play\":{\"port\":31003},"
            + "\"segment_duration\":6,\"segment_count\":5,\"meta\":{\"k\":\"v\",\"n\":[1,2]}}";

    /** CAMERA as the API gives it back: every default written out. */
    static final String CAMERA_STORED = "{\"name\":\"it-cam1\",\"title\":\"Camera 1\",\"disabled\":false,\"publish_enabled\":true,"
            + "\"static\":true,\"clients_timeout\":60,\"retry_limit\":10,"
            + "\"inputs\":[{\"url\":\"publish://\",\"priority\":1,\"source_timeout\":60}],"
            + "\"srt\":{\"port\":31001,\"passphrase\":\"shared-secret-1\",\"latency\":200},"
            + "\"srt_publish\":{\"passphrase\":\"securePass\",\"latency\":120},\"srt_play\":{\"port\":31003,\"latency\":120},"
            + "\"segment_duration\":6,\"segment_count\":5,\"pushes\":[],\"meta\":{\"k\":\"v\",\"n\":[1,2]}}";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @AfterEach
    void cleanUp() throws Exception {
        ConfigApi.cleanUp();
    }

    @Test
    void createReadReplaceAndDeleteRoundTripThroughPostgres() throws Exception {
        HttpResponse<String> created = putStream("it-cam1", CAMERA);
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith(STREAMS + "it-cam1"));
        assertEquals(json(CAMERA_STORED), Http.object(created));
        assertEquals(json(CAMERA_STORED), getStream("it-cam1"));

        assertEquals(1, count("SELECT count(*) FROM streams WHERE name = 'it-cam1' AND title = 'Camera 1' "
                + "AND publish_enabled AND segment_duration = 6 AND segment_count = 5 AND meta->>'k' = 'v'"));
        assertEquals(3, count("SELECT count(*) FROM stream_srt_endpoints WHERE stream = 'it-cam1'"));
        assertEquals(1, count("SELECT count(*) FROM stream_srt_endpoints WHERE stream = 'it-cam1' AND kind = 'srt_publish' "
                + "AND port IS NULL AND passphrase = 'securePass' AND latency = 120"));
        assertEquals(1, count("SELECT count(*) FROM stream_inputs WHERE stream = 'it-cam1' AND position = 0 "
                + "AND url = 'publish://' AND priority = 1 AND source_timeout = 60"));
        assertEquals(List.of("31001:it-cam1:srt", "31003:it-cam1:srt_play"), srtPorts());
        assertEquals(1, Http.object(Http.admin("/streamer/api/v3/server")).getInt("total_streams"));

        HttpResponse<String> replaced = putStream("it-cam1", "{\"inputs\":[{\"url\":\"srt://127.0.0.1:9\"},"
                + "{\"url\":\"tshttp://127.0.0.1:9/ts\",\"user_agent\":\"VLC\",\"headers\":{\"Referer\":\"https://example.com\"}}],"
                + "\"srt_play\":{\"port\":31004}}");
        assertEquals(200, replaced.statusCode(), replaced.body());
        JsonObject now = getStream("it-cam1");
        assertEquals(json("{\"name\":\"it-cam1\",\"disabled\":false,\"publish_enabled\":false,"
                + "\"static\":true,\"clients_timeout\":60,\"retry_limit\":10,\"pushes\":[],\"inputs\":["
                + "{\"url\":\"srt://127.0.0.1:9\",\"source_timeout\":60},{\"url\":\"tshttp://127.0.0.1:9/ts\",\"source_timeout\":60,\"user_agent\":\"VLC\","
                + "\"headers\":{\"Referer\":\"https://example.com\"}}],\"srt_play\":{\"port\":31004,\"latency\":120},"
                + "\"segment_duration\":4,\"segment_count\":4,\"meta\":{}}"), now);
        assertEquals(List.of("31004:it-cam1:srt_play"), srtPorts(), "the old ports are free again");
        assertEquals(2, count("SELECT count(*) FROM stream_inputs WHERE stream = 'it-cam1'"));

        assertEquals(204, admin("DELETE", STREAMS + "it-cam1", null).statusCode());
        assertError(admin("GET", STREAMS + "it-cam1", null), 404, "not_found", null);
        assertError(admin("DELETE", STREAMS + "it-cam1", null), 404, "not_found", null);
        assertEquals(0, count("SELECT count(*) FROM stream_srt_endpoints WHERE stream = 'it-cam1'"));
        assertEquals(0, count("SELECT count(*) FROM stream_inputs WHERE stream = 'it-cam1'"));
        assertEquals(List.of(), srtPorts());

        JsonArray events = Http.array(Http.admin("/streamer/api/v3/events?type=stream_reconfigured&limit=3"));
        assertEquals("deleted", events.getJsonObject(0).getJsonObject("data").getString("change"));
        assertEquals("it-cam1", events.getJsonObject(0).getString("stream"));
        JsonObject updated = events.getJsonObject(1).getJsonObject("data");
        assertEquals("updated", updated.getString("change"));
        assertEquals(List.of("title", "publish_enabled", "inputs", "srt", "srt_publish", "srt_play", "segment_duration", "segment_count", "meta"),
                updated.getJsonArray("fields").getValuesAs(JsonString::getString));
        assertEquals("created", events.getJsonObject(2).getJsonObject("data").getString("change"));
    }

    @Test
    void whatGetReturnsPutAcceptsUnchanged() throws Exception {
        assertEquals(201, putStream("it-cam1", CAMERA).statusCode());
        long events = count("SELECT count(*) FROM events WHERE stream = 'it-cam1'");
        String body = admin("GET", STREAMS + "it-cam1", null).body();
        HttpResponse<String> again = putStream("it-cam1", body);
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(json(CAMERA_STORED), getStream("it-cam1"));
        assertEquals(events, count("SELECT count(*) FROM events WHERE stream = 'it-cam1'"), "no change, no event");
    }

    @Test
    void patchMergesIntoTheStoredStream() throws Exception {
        assertEquals(201, putStream("it-cam1", CAMERA).statusCode());
        HttpResponse<String> r = admin("PATCH", STREAMS + "it-cam1", "{\"title\":\"Renamed\",\"srt_publish\":null,"
                + "\"srt\":{\"passphrase\":null,\"latency\":300},\"meta\":{\"k\":null,\"z\":true},\"disabled\":true}");
        assertEquals(200, r.statusCode(), r.body());
        JsonObject expected = json(CAMERA_STORED.replace("Camera 1", "Renamed").replace("\"disabled\":false", "\"disabled\":true")
                .replace("\"passphrase\":\"shared-secret-1\",\"latency\":200", "\"latency\":300")
                .replace("\"srt_publish\":{\"passphrase\":\"securePass\",\"latency\":120},", "")
                .replace("{\"k\":\"v\",\"n\":[1,2]}", "{\"n\":[1,2],\"z\":true}"));
        assertEquals(expected, Http.object(r));
        assertEquals(expected, getStream("it-cam1"));
        assertEquals(List.of("title", "disabled", "srt", "srt_publish", "meta"), Http.array(Http.admin("/streamer/api/v3/events?type=stream_reconfigured&limit=1"))
                .getJsonObject(0).getJsonObject("data").getJsonArray("fields").getValuesAs(JsonString::getString));

        HttpResponse<String> merged = ConfigApi.adminTyped("PATCH", STREAMS + "it-cam1", "application/merge-patch+json",
                "{\"segment_count\":9}");
        assertEquals(200, merged.statusCode(), merged.body());
        assertEquals(9, Http.object(merged).getInt("segment_count"));
        assertError(admin("PATCH", STREAMS + "it-cam1", "{\"segment_count\":0}"), 400, "invalid_value", "segment_count");
        assertError(admin("PATCH", STREAMS + "it-cam1", "{\"name\":\"it-other\"}"), 400, "name_mismatch", "name");
        assertError(admin("PATCH", STREAMS + "it-cam1", "{\"colour\":\"red\"}"), 400, "unknown_key", "colour");
        assertEquals(9, getStream("it-cam1").getInt("segment_count"), "refused patches change nothing");
        assertError(admin("PATCH", STREAMS + "it-nothing", "{\"title\":\"x\"}"), 404, "not_found", null);
    }

    /** RFC 7396 with either content type: null removes (also nested), objects merge, arrays are replaced. */
    @Test
    void mergePatchNullsRemoveWithEitherContentType() throws Exception {
        for (String type : List.of("application/merge-patch+json", "application/json")) {
            assertEquals(201, putStream("it-cam1", "{\"title\":\"Camera 1\",\"max_sessions\":5,"
                    + "\"inputs\":[{\"url\":\"publish://\"},{\"url\":\"udp://127.0.0.1:21234\"}],"
                    + "\"srt_publish\":{\"passphrase\":\"securePass\",\"latency\":300},\"meta\":{\"a\":{\"b\":1,\"c\":2}}}")
                    .statusCode(), type);
            HttpResponse<String> r = ConfigApi.adminTyped("PATCH", STREAMS + "it-cam1", type,
                    "{\"title\":null,\"max_sessions\":null,\"srt_publish\":{\"passphrase\":null},"
                    + "\"inputs\":[{\"url\":\"srt://127.0.0.1:9\"}],\"meta\":{\"a\":{\"b\":null,\"d\":3}}}");
            assertEquals(200, r.statusCode(), type + ": " + r.body());
            for (JsonObject s : List.of(Http.object(r), getStream("it-cam1"))) {
                assertFalse(s.containsKey("title"), type + ": " + s);
                assertFalse(s.containsKey("max_sessions"), type + ": " + s);
                assertEquals(json("{\"latency\":300}"), s.getJsonObject("srt_publish"), type);
                assertEquals(1, s.getJsonArray("inputs").size(), type);
                assertEquals("srt://127.0.0.1:9", s.getJsonArray("inputs").getJsonObject(0).getString("url"), type);
                assertEquals(json("{\"a\":{\"c\":2,\"d\":3}}"), s.getJsonObject("meta"), type);
            }
            assertEquals(0, count("SELECT count(*) FROM stream_srt_endpoints WHERE stream = 'it-cam1' AND passphrase IS NOT NULL"));
            assertEquals(204, admin("DELETE", STREAMS + "it-cam1", null).statusCode());
        }
    }

    @Test
    void namesMayContainSlashes() throws Exception {
        assertEquals(201, putStream("it-live/cam1", "{\"inputs\":[{\"url\":\"publish://\"}]}").statusCode());
        assertEquals(201, putStream("it-live/studio/cam2", "{\"name\":\"it-live/studio/cam2\"}").statusCode());
        assertEquals("it-live/cam1", getStream("it-live/cam1").getString("name"));
        assertEquals("it-live/studio/cam2", getStream("it-live/studio/cam2").getString("name"));
        assertEquals(List.of("it-live/cam1", "it-live/studio/cam2"), names(Http.admin("/streamer/api/v3/streams?name_prefix=it-live/")));
        assertEquals(204, admin("DELETE", STREAMS + "it-live/studio/cam2", null).statusCode());
        assertEquals(List.of("it-live/cam1"), names(Http.admin("/streamer/api/v3/streams?name_prefix=it-live/")));
        assertError(putStream("it-live//cam3", "{}"), 400, "invalid_value", "name");
        assertError(putStream("it-live/-/cam3", "{}"), 400, "invalid_value", "name");
        assertError(putStream("it-bad%20name", "{}"), 400, "invalid_value", "name");
        assertError(putStream("it-" + "x".repeat(253), "{}"), 400, "invalid_value", "name");
        assertEquals(201, putStream("it-" + "x".repeat(252), "{}").statusCode(), "255 characters is the limit");
    }

    @Test
    void listingPagesByNameWithACursor() throws Exception {
        for (String n : List.of("e", "a", "d", "c", "b")) {
            assertEquals(201, putStream("it-page-" + n, "{\"srt_play\":{\"port\":3150" + (n.charAt(0) - 'a') + "}}").statusCode());
        }
        assertEquals(201, putStream("it-zzz", "{}").statusCode());
        List<String> seen = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            JsonObject page = Http.object(Http.admin("/streamer/api/v3/streams?name_prefix=it-page-&limit=2" + cursor));
            JsonArray streams = page.getJsonArray("streams");
            assertTrue(streams.size() <= 2);
            streams.getValuesAs(JsonObject.class).forEach(s -> seen.add(s.getString("name")));
            cursor = page.containsKey("next") ? "&cursor=" + page.getString("next") : null;
            pages++;
        } while (cursor != null);
        assertEquals(List.of("it-page-a", "it-page-b", "it-page-c", "it-page-d", "it-page-e"), seen);
        assertEquals(3, pages);
        JsonObject b = Http.object(Http.admin("/streamer/api/v3/streams?name_prefix=it-page-b")).getJsonArray("streams").getJsonObject(0);
        assertEquals(31501, b.getJsonObject("srt_play").getInt("port"), "listed streams carry their endpoints");

        JsonObject all = Http.object(Http.admin("/streamer/api/v3/streams"));
        assertTrue(all.getJsonArray("streams").size() >= 6);
        assertFalse(all.containsKey("next"), "default limit 100 covers them");

        assertError(Http.admin("/streamer/api/v3/streams?limit=0"), 400, "invalid_value", "limit");
        assertError(Http.admin("/streamer/api/v3/streams?limit=1001"), 400, "invalid_value", "limit");
        assertError(Http.admin("/streamer/api/v3/streams?limit=ten"), 400, "invalid_value", "limit");
        assertError(Http.admin("/streamer/api/v3/streams?cursor=%25%25"), 400, "invalid_value", "cursor");
        assertError(Http.admin("/streamer/api/v3/streams?name_prefix=a%20b"), 400, "invalid_value", "name_prefix");
        assertEquals(200, Http.admin("/streamer/api/v3/streams?limit=1000").statusCode());
    }

    /** All the names a listing gives, page after page. */
    private static List<String> names(String query) throws Exception {
        List<String> seen = new ArrayList<>();
        String cursor = "";
        do {
            HttpResponse<String> r = Http.admin("/streamer/api/v3/streams?" + query + cursor);
            assertEquals(200, r.statusCode(), r.body());
            JsonObject page = Http.object(r);
            page.getJsonArray("streams").getValuesAs(JsonObject.class).forEach(s -> seen.add(s.getString("name")));
            cursor = page.containsKey("next") ? "&cursor=" + page.getString("next") : null;
        } while (cursor != null);
        return seen;
    }

    @Test
    void listingFiltersByStatusAndSortsBothWays() throws Exception {
        assertEquals(201, putStream("it-state-a", "{\"inputs\":[{\"url\":\"publish://\"}]}").statusCode());
        assertEquals(201, putStream("it-state-b", "{\"static\":false,\"inputs\":[{\"url\":\"hls://127.0.0.1:9/a.m3u8\"}]}").statusCode());
        assertEquals(201, putStream("it-state-c", "{\"inputs\":[{\"url\":\"publish://\"}]}").statusCode());
        assertEquals(201, putStream("it-state-d", "{\"disabled\":true}").statusCode());
        assertEquals(List.of("it-state-d", "it-state-c", "it-state-b", "it-state-a"), names("name_prefix=it-state-&sort=-name&limit=3"));
        assertEquals(List.of("it-state-a", "it-state-c"), names("name_prefix=it-state-&status=waiting&limit=1"));
        assertEquals(List.of("it-state-c", "it-state-a"), names("name_prefix=it-state-&status=waiting&sort=-name&limit=1"));
        assertEquals(List.of("it-state-b", "it-state-d"), names("name_prefix=it-state-&status=idle,disabled"));
        assertEquals(List.of(), names("name_prefix=it-state-&status=publishing"));
        assertError(Http.admin("/streamer/api/v3/streams?status=running"), 400, "invalid_value", "status");
        assertError(Http.admin("/streamer/api/v3/streams?sort=title"), 400, "invalid_value", "sort");
    }

    /** Each rule refused with its status, code and field, and nothing written for any of them. */
    @Test
    void everyValidationRuleIsEnforced() throws Exception {
        String pass79 = "p".repeat(79);
        Object[][] cases = {
                {"{\"srt_publish\":{\"passphrase\":\"123456789\"}}", "invalid_value", "srt_publish.passphrase"},
                {"{\"srt_publish\":{\"passphrase\":\"" + pass79 + "x\"}}", "invalid_value", "srt_publish.passphrase"},
                {"{\"srt\":{\"passphrase\":\"secret\\u0001secret\"}}", "invalid_value", "srt.passphrase"},
                {"{\"srt_play\":{\"latency\":19}}", "invalid_value", "srt_play.latency"},
                {"{\"srt_play\":{\"latency\":8001}}", "invalid_value", "srt_play.latency"},
                {"{\"srt\":{\"port\":0}}", "invalid_value", "srt.port"},
                {"{\"srt\":{\"port\":65536}}", "invalid_value", "srt.port"},
                {"{\"srt\":{\"port\":\"9001\"}}", "invalid_type", "srt.port"},
                {"{\"srt\":{\"port\":100000000000}}", "invalid_value", "srt.port"},
                {"{\"srt\":{\"prot\":9001}}", "unknown_key", "srt.prot"},
                {"{\"srt\":9001}", "invalid_type", "srt"},
                {"{\"segment_duration\":0}", "invalid_value", "segment_duration"},
                {"{\"segment_duration\":61}", "invalid_value", "segment_duration"},
                {"{\"segment_duration\":4.5}", "invalid_type", "segment_duration"},
                {"{\"segment_count\":0}", "invalid_value", "segment_count"},
                {"{\"segment_count\":101}", "invalid_value", "segment_count"},
                {"{\"disabled\":\"yes\"}", "invalid_type", "disabled"},
                {"{\"title\":7}", "invalid_type", "title"},
                {"{\"meta\":[1]}", "invalid_type", "meta"},
                {"{\"inputs\":{}}", "invalid_type", "inputs"},
                {"{\"inputs\":[\"publish://\"]}", "invalid_type", "inputs[0]"},
                {"{\"inputs\":[{\"priority\":1}]}", "missing_value", "inputs[0].url"},
                {"{\"inputs\":[{\"url\":\"publish://\"},{\"url\":\"ftp://host/x\"}]}", "invalid_value", "inputs[1].url"},
                {"{\"inputs\":[{\"url\":\"rtmp://\"}]}", "invalid_value", "inputs[0].url"},
                {"{\"inputs\":[{\"url\":\"publish://x\"}]}", "invalid_value", "inputs[0].url"},
                {"{\"inputs\":[{\"url\":\"udp:// 239.0.0.1:1234\"}]}", "invalid_value", "inputs[0].url"},
                {"{\"inputs\":[{\"url\":\"publish://\",\"priority\":101}]}", "invalid_value", "inputs[0].priority"},
                {"{\"inputs\":[{\"url\":\"publish://\",\"source_timeout\":0}]}", "invalid_value", "inputs[0].source_timeout"},
                {"{\"inputs\":[{\"url\":\"publish://\",\"bogus\":1}]}", "unknown_key", "inputs[0].bogus"},
                {"{\"inputs\":[{\"url\":\"hls://h/i.m3u8\",\"user_agent\":5}]}", "invalid_type", "inputs[0].user_agent"},
                {"{\"inputs\":[{\"url\":\"udp://127.0.0.1:21234\",\"pids\":[8192]}]}", "invalid_value", "inputs[0].pids[0]"},
                {"{\"colour\":\"red\"}", "unknown_key", "colour"},
                {"{\"name\":\"it-other\"}", "name_mismatch", "name"},
                {"{\"srt\":{\"port\":31601},\"srt_play\":{\"port\":31601}}", "port_conflict", "srt_play.port"},
        };
        List<String> failures = new ArrayList<>();
        for (Object[] c : cases) {
            HttpResponse<String> r = putStream("it-invalid", (String) c[0]);
            JsonObject e = r.body().startsWith("{") ? Http.object(r) : null;
            int status = "port_conflict".equals(c[1]) ? 409 : 400;
            if (r.statusCode() != status || e == null || !c[1].equals(e.getString("error", null))
                    || !c[2].equals(e.getString("field", null)) || e.getString("message", "").isBlank()) {
                failures.add(c[0] + " -> " + r.statusCode() + " " + r.body());
            }
        }
        assertEquals(List.of(), failures);

        String http = assertError(putStream("it-invalid", "{\"inputs\":[{\"url\":\"http://cam/stream\"}]}"),
                400, "invalid_value", "inputs[0].url");
        assertTrue(http.contains("tshttp://") && http.contains("hls://"), http);
        assertTrue(assertError(putStream("it-invalid", "{\"colour\":\"red\"}"), 400, "unknown_key", "colour").contains("colour"));
        assertError(putStream("it-invalid", "{\"name\":"), 400, "invalid_json", null);
        assertError(putStream("it-invalid", "[]"), 400, "invalid_json", null);
        assertError(putStream("it-invalid", ""), 400, "invalid_json", null);
        assertError(ConfigApi.adminTyped("PUT", STREAMS + "it-invalid", "text/plain", "{}"), 415, "unsupported_media_type", null);
        assertError(ConfigApi.adminTyped("PUT", STREAMS + "it-invalid", null, "{}"), 415, "unsupported_media_type", null);
        assertEquals(0, count("SELECT count(*) FROM streams WHERE name = 'it-invalid'"), "nothing was written");
        assertEquals(0, count("SELECT count(*) FROM events WHERE stream = 'it-invalid'"));
        assertEquals(List.of(), srtPorts());

        HttpResponse<String> edges = putStream("it-edges", "{\"srt\":{\"port\":1,\"passphrase\":\"0123456789\",\"latency\":20},"
                + "\"srt_play\":{\"port\":65535,\"passphrase\":\"" + pass79 + "\",\"latency\":8000},"
                + "\"segment_duration\":60,\"segment_count\":100,\"inputs\":[{\"url\":\"fake://fake\",\"priority\":0,"
                + "\"source_timeout\":3600,\"tracks\":[1],\"allow_subtitles\":false,\"program\":2001}]}");
        assertEquals(201, edges.statusCode(), "the limits themselves are accepted: " + edges.body());
        for (String scheme : List.of("srt", "udp", "rtp", "rtsp", "rtmp", "rtmps", "tshttp", "tshttps", "hls", "hlss",
                "https", "file", "copy", "timeshift", "fake")) {
            String address = switch (scheme) { // the schemes this server pulls have their own rules; all on loopback
                case "timeshift" -> "it-owner/3600";
                case "srt" -> "127.0.0.1:9";
                case "rtmp", "rtmps" -> "127.0.0.1:9/app/x";
                default -> "127.0.0.1:9/x";
            };
            HttpResponse<String> r = putStream("it-schemes", "{\"inputs\":[{\"url\":\"" + scheme + "://" + address + "\"}]}");
            assertTrue(r.statusCode() == 200 || r.statusCode() == 201, scheme + ": " + r.body());
        }
    }

    @Test
    void aPortBelongsToOneStreamAndTheConflictNamesTheOwner() throws Exception {
        assertEquals(201, putStream("it-owner", "{\"srt_publish\":{\"port\":31101}}").statusCode());
        String message = assertError(putStream("it-intruder", "{\"srt\":{\"port\":31101}}"), 409, "port_conflict", "srt.port");
        assertTrue(message.contains("31101") && message.contains("it-owner"), message);
        String twice = assertError(putStream("it-intruder", "{\"srt_publish\":{\"port\":31102},\"srt_play\":{\"port\":31102}}"),
                409, "port_conflict", "srt_play.port");
        assertTrue(twice.contains("31102"), twice);
        assertEquals(0, count("SELECT count(*) FROM streams WHERE name = 'it-intruder'"));

        // Moving a port from one endpoint to another of the same stream is fine.
        assertEquals(200, putStream("it-owner", "{\"srt_play\":{\"port\":31101}}").statusCode());
        assertEquals(List.of("31101:it-owner:srt_play"), srtPorts());
        // Once freed, another stream may take it.
        assertEquals(204, admin("DELETE", STREAMS + "it-owner", null).statusCode());
        assertEquals(201, putStream("it-intruder", "{\"srt\":{\"port\":31101}}").statusCode());
    }

    @Test
    void aRefusedChangeLeavesEverythingAsItWas() throws Exception {
        assertEquals(201, putStream("it-cam1", CAMERA).statusCode());
        assertEquals(201, putStream("it-other", "{\"srt\":{\"port\":31201}}").statusCode());
        List<String> ports = srtPorts();
        long events = count("SELECT count(*) FROM events");
        long inputs = count("SELECT count(*) FROM stream_inputs");
        int pushes = ConfigApi.enginePushes().size();

        // A valid new title and inputs, but srt_play takes a port of it-other: the whole change is refused.
        String conflicting = CAMERA.replace("Camera 1", "Changed").replace("\"srt_play\":{\"port\":31003}",
                "\"srt_play\":{\"port\":31201}").replace("publish://", "srt://127.0.0.1:1");
        assertError(putStream("it-cam1", conflicting), 409, "port_conflict", "srt_play.port");
        assertError(admin("PATCH", STREAMS + "it-cam1", "{\"title\":\"Changed\",\"srt\":{\"port\":31201}}"),
                409, "port_conflict", "srt.port");
        assertError(putStream("it-cam1", CAMERA.replace("\"segment_count\":5", "\"segment_count\":500")),
                400, "invalid_value", "segment_count");

        assertEquals(json(CAMERA_STORED), getStream("it-cam1"));
        assertEquals(ports, srtPorts());
        assertEquals(events, count("SELECT count(*) FROM events"));
        assertEquals(inputs, count("SELECT count(*) FROM stream_inputs"));
        assertEquals(pushes, ConfigApi.enginePushes().size(), "the engine saw none of the refused changes");
    }

    @Test
    void twoConcurrentClaimsOfOnePortLetExactlyOneWin() throws Exception {
        for (int round = 0; round < 6; round++) {
            int port = 31300 + round;
            String a = "it-race-a" + round;
            String b = "it-race-b" + round;
            CountDownLatch start = new CountDownLatch(1);
            CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> claim(start, a, port));
            CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(() -> claim(start, b, port));
            start.countDown();
            HttpResponse<String> ra = first.get();
            HttpResponse<String> rb = second.get();
            List<Integer> statuses = new ArrayList<>(List.of(ra.statusCode(), rb.statusCode()));
            statuses.sort(null);
            assertEquals(List.of(201, 409), statuses, ra.body() + " / " + rb.body());
            String winner = ra.statusCode() == 201 ? a : b;
            HttpResponse<String> lost = ra.statusCode() == 409 ? ra : rb;
            assertTrue(assertError(lost, 409, "port_conflict", "srt_publish.port").contains(winner), lost.body());
            assertEquals(1, count("SELECT count(*) FROM srt_ports WHERE port = ? AND stream = ?", port, winner));
            assertEquals(1, count("SELECT count(*) FROM streams WHERE name IN (?, ?)", a, b), "the loser left nothing");
        }
    }

    /**
     * A port held by a transaction that has not committed yet: the claim waits for it, then loses
     * to the database's primary key (and still names the owner), or wins if that transaction rolls back.
     */
    @Test
    void aClaimCaughtOnlyByTheDatabaseWaitsAndStillNamesTheOwner() throws Exception {
        for (boolean commit : new boolean[] {true, false}) {
            int port = commit ? 31801 : 31802;
            String late = "it-late-" + commit;
            try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.executeUpdate("INSERT INTO streams (name) VALUES ('it-early-" + commit + "')");
                s.executeUpdate("INSERT INTO stream_srt_endpoints (stream, kind, port) VALUES ('it-early-" + commit + "', 'srt', " + port + ")");
                s.executeUpdate("INSERT INTO srt_ports (port, stream, kind) VALUES (" + port + ", 'it-early-" + commit + "', 'srt')");
                CompletableFuture<HttpResponse<String>> put = CompletableFuture.supplyAsync(
                        () -> claim(new CountDownLatch(0), late, port));
                Thread.sleep(2000);
                assertFalse(put.isDone(), "the claim waits for the open transaction");
                if (commit) {
                    c.commit();
                } else {
                    c.rollback();
                }
                HttpResponse<String> r = put.get(20, TimeUnit.SECONDS);
                if (commit) {
                    String message = assertError(r, 409, "port_conflict", "srt_publish.port");
                    assertTrue(message.contains("it-early-true"), message);
                    assertEquals(0, count("SELECT count(*) FROM streams WHERE name = ?", late));
                } else {
                    assertEquals(201, r.statusCode(), r.body());
                    assertEquals(1, count("SELECT count(*) FROM srt_ports WHERE port = ? AND stream = ?", port, late));
                }
            }
        }
    }

    private static HttpResponse<String> claim(CountDownLatch start, String name, int port) {
        try {
            start.await();
            return putStream(name, "{\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":" + port + "}}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aViewerMayReadStreamsButNotChangeThem() throws Exception {
        assertEquals(201, putStream("it-cam1", CAMERA).statusCode());
        ConfigApi.createViewer();
        String v = ConfigApi.VIEWER;
        String p = ConfigApi.VIEWER_PASSWORD;
        assertEquals(200, Http.get(STREAMS + "it-cam1", v, p).statusCode());
        assertEquals(200, Http.get("/streamer/api/v3/streams", v, p).statusCode());
        assertError(Http.send("PUT", STREAMS + "it-cam1", v, p, "{}"), 403, "forbidden", null);
        assertError(Http.send("PATCH", STREAMS + "it-cam1", v, p, "{\"title\":\"x\"}"), 403, "forbidden", null);
        assertError(Http.send("DELETE", STREAMS + "it-cam1", v, p, null), 403, "forbidden", null);
        assertError(Http.send("PUT", STREAMS + "it-new", v, p, "{}"), 403, "forbidden", null);
        assertError(Http.send("PUT", STREAMS + "it-new", null, null, "{}"), 401, "unauthorized", null);
        assertEquals(json(CAMERA_STORED), getStream("it-cam1"));
        assertEquals(0, count("SELECT count(*) FROM streams WHERE name = 'it-new'"));
    }

    @Test
    void everyCommittedChangeIsPushedToTheEngine() throws Exception {
        int before = ConfigApi.enginePushes().size();
        assertEquals(201, putStream("it-cam1", CAMERA).statusCode());
        assertEquals(201, putStream("it-cam2", "{}").statusCode());
        long streams = count("SELECT count(*) FROM streams");
        // The push runs after the commit and before the response: the log already has it.
        List<String> pushes = ConfigApi.enginePushes();
        assertEquals(before + 2, pushes.size(), pushes.toString());
        assertTrue(pushes.get(pushes.size() - 1).startsWith(streams + " streams"), pushes.toString());
        assertEquals(204, admin("DELETE", STREAMS + "it-cam2", null).statusCode());
        pushes = ConfigApi.enginePushes();
        assertEquals(before + 3, pushes.size(), pushes.toString());
        assertTrue(pushes.get(before + 2).startsWith((streams - 1) + " streams"), pushes.toString());
    }

    /**
     * 10,000 streams: the push after a change and a page of 1,000 streams are each read with a fixed
     * number of statements, not one or more per stream (a lazily loaded collection, a query per row).
     */
    @Test
    void tenThousandStreamsStayCheapToPushAndToList() throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            String names = "SELECT 'it-bulk-' || lpad(i::text, 5, '0') AS name, i FROM generate_series(1, 10000) i";
            s.executeUpdate("INSERT INTO streams (name) SELECT name FROM (" + names + ") n");
            s.executeUpdate("INSERT INTO stream_inputs (stream, position, url) SELECT name, 0, 'publish://' FROM (" + names + ") n");
            s.executeUpdate("INSERT INTO stream_srt_endpoints (stream, kind, port, passphrase) "
                    + "SELECT name, 'srt_publish', NULL, 'bulk-passphrase' FROM (" + names + ") n");
            s.executeUpdate("INSERT INTO stream_srt_endpoints (stream, kind, port) SELECT name, 'srt_play', 40000 + i FROM ("
                    + names + ") n WHERE i <= 5000");
            s.executeUpdate("INSERT INTO srt_ports (port, stream, kind) SELECT 40000 + i, name, 'srt_play' FROM ("
                    + names + ") n WHERE i <= 5000");
            s.execute("ANALYZE");
        }
        resetStatementCounts();
        assertEquals(201, putStream("it-trigger", "{}").statusCode());
        List<String> pushes = ConfigApi.enginePushes();
        String last = pushes.get(pushes.size() - 1);
        assertTrue(last.startsWith("10001 streams"), last);
        assertFewStatements("the change and its push of 10,001 streams", 1);

        resetStatementCounts();
        JsonObject page = Http.object(Http.admin("/streamer/api/v3/streams?name_prefix=it-bulk-&limit=1000"));
        assertEquals(1000, page.getJsonArray("streams").size());
        JsonObject first = page.getJsonArray("streams").getJsonObject(0);
        assertEquals("bulk-passphrase", first.getJsonObject("srt_publish").getString("passphrase"));
        assertEquals(40001, first.getJsonObject("srt_play").getInt("port"));
        assertFewStatements("a page of 1,000 streams", 1);
    }

    /*
     * Statements are counted with pg_stat_statements (TestDatabase preloads it): it records every
     * statement of every backend in shared memory when the statement ends, so the count is complete
     * as soon as the server has answered. The table statistics of pg_stat_user_tables are not: since
     * PostgreSQL 15 a backend publishes them at most once a second, an idle one up to 10 s later, and
     * the backends are the server's pooled connections, which the test cannot make flush
     * (pg_stat_force_next_flush() acts on its own backend only). A check on them shortly after the
     * request could see no scan at all and pass whatever the request did.
     *
     * Counted: statements of the media database on the stream tables (the one table and its
     * per-stream child tables), where a read per stream would show as thousands of calls. Other
     * work of the server meanwhile (timers, the reporting views) adds a few at most, hence the
     * bound of 100, far from the 1,000 or 10,000 a per-stream statement would make; the lower bound
     * proves the count saw the request at all.
     */
    private static final String STREAM_TABLES = "\\m(streams|stream_inputs|stream_srt_endpoints|stream_pushes)\\M";

    private static void resetStatementCounts() throws Exception {
        try (Connection c = TestDatabase.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            s.execute("SELECT pg_stat_statements_reset()");
        }
    }

    private static void assertFewStatements(String what, long atLeast) throws Exception {
        long calls;
        List<String> seen = new ArrayList<>();
        try (Connection c = TestDatabase.connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT p.calls, p.query FROM pg_stat_statements p"
                     + " JOIN pg_database d ON d.oid = p.dbid WHERE d.datname = 'media'"
                     + " AND p.query ~ '" + STREAM_TABLES + "' AND p.query !~ 'reporting\\.' ORDER BY p.calls DESC")) {
            calls = 0;
            while (rs.next()) {
                calls += rs.getLong(1);
                seen.add(rs.getLong(1) + "x " + rs.getString(2));
            }
        }
        String detail = what + ": " + calls + " statements on the stream tables\n" + String.join("\n", seen);
        assertTrue(calls >= atLeast, detail);
        assertTrue(calls < 100, detail);
    }

    private static List<String> names(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return Http.object(r).getJsonArray("streams").getValuesAs(JsonObject.class).stream()
                .map(s -> s.getString("name")).toList();
    }
}
