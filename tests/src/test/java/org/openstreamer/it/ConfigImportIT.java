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

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstreamer.it.ConfigApi.CONFIG;
import static org.openstreamer.it.ConfigApi.STREAMS;
import static org.openstreamer.it.ConfigApi.admin;
import static org.openstreamer.it.ConfigApi.adminTyped;
import static org.openstreamer.it.ConfigApi.assertError;
import static org.openstreamer.it.ConfigApi.count;
import static org.openstreamer.it.ConfigApi.getStream;
import static org.openstreamer.it.ConfigApi.json;
import static org.openstreamer.it.ConfigApi.putStream;
import static org.openstreamer.it.ConfigApi.srtPorts;

/**
 * {@code POST /config/import} and {@code GET /config/export}: a realistic configuration text in
 * the reference's format checked with a dry run, then imported, read back through the stream
 * API, exported and imported again without a change; refusals (syntax, unsupported directives,
 * validation, port conflicts) answered with their line and column and leaving nothing written.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(40)
class ConfigImportIT {

    static final String IMPORT = "/streamer/api/v3/config/import";
    static final String EXPORT = "/streamer/api/v3/config/export";
    static final String TEXT = "text/plain; charset=utf-8";
    static final String LIVE = "/streamer/api/v3/live/";
    static final String TEMPLATES = "/streamer/api/v3/templates/";

    static final String STUDIO = """
            # Studio configuration
            srt_publish {
              port 33999;
              passphrase global-secret;
            }
            listeners {
              srt publish 34000-34099;
            }
            config_external http://127.0.0.1:12345/config_backend/;

            stream it-cam1 {
              title "Studio camera 1";
              input publish://;
              srt_publish 33001 passphrase=cam1-secret-pass latency=200;
              srt_play 33003;
              segment_duration 6;
              meta owner "studio 2";
            }

            stream it-news {
              url tshttp://127.0.0.1:9/channel/5 priority=1 source_timeout=60 user_agent="VLC 3";
              url hls://127.0.0.1:9/channel/5/index.m3u8 priority=2 header.Referer=https://example.com;
              segments 5;
              hds off;
            }

            stream it-mpts {
              url udp://127.0.0.1:21234 program=2001 pids=45,46,47;
              disabled;
            }

            stream it-author {
              input publish://;
              srt_publish passphrase=securePass;
            }
            """;

    static final String CAM1_STORED = "{\"name\":\"it-cam1\",\"title\":\"Studio camera 1\",\"disabled\":false,"
            + "\"publish_enabled\":false,\"static\":true,\"clients_timeout\":60,\"retry_limit\":10,"
            + "\"inputs\":[{\"url\":\"publish://\",\"source_timeout\":60}],"
            + "\"srt_publish\":{\"port\":33001,\"passphrase\":\"cam1-secret-pass\",\"latency\":200},"
            + "\"srt_play\":{\"port\":33003,\"latency\":120},\"segment_duration\":6,\"segment_count\":4,"
            + "\"pushes\":[],\"meta\":{\"owner\":\"studio 2\"}}";

    static final String NEWS_STORED = "{\"name\":\"it-news\",\"disabled\":false,\"publish_enabled\":false,"
            + "\"static\":true,\"clients_timeout\":60,\"retry_limit\":10,"
            + "\"inputs\":[{\"url\":\"tshttp://127.0.0.1:9/channel/5\",\"priority\":1,\"source_timeout\":60,\"user_agent\":\"VLC 3\"},"
            + "{\"url\":\"hls://127.0.0.1:9/channel/5/index.m3u8\",\"priority\":2,\"source_timeout\":60,\"headers\":{\"Referer\":\"https://example.com\"}}],"
            + "\"segment_duration\":4,\"segment_count\":5,\"pushes\":[],\"meta\":{}}";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @AfterEach
    void cleanUp() throws Exception {
        ConfigApi.cleanUp();
    }

    static HttpResponse<String> importText(String query, String text) throws Exception {
        return adminTyped("POST", IMPORT + query, TEXT, text);
    }

    static JsonObject importOk(String query, String text) throws Exception {
        HttpResponse<String> r = importText(query, text);
        assertEquals(200, r.statusCode(), r.body());
        return Http.object(r);
    }

    static List<String> strings(JsonArray a) {
        return a.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    /**
     * Events an import may not record. A static stream's pulled input (it-news: tshttp://127.0.0.1:9/channel/5)
     * runs from the import on and reports its failures itself (source_lost) at any moment.
     */
    static final String ENGINE_QUIET_EVENTS = "SELECT count(*) FROM events WHERE type <> 'source_lost'";

    static long itStreams() throws Exception {
        return count("SELECT count(*) FROM streams WHERE name LIKE 'it-%'");
    }

    @Test
    void aDryRunReportsTheChangesAndWritesNothingThenTheImportAppliesThem() throws Exception {
        JsonObject before = Http.object(Http.admin(CONFIG));
        long events = count(ENGINE_QUIET_EVENTS);
        long lastEvent = count("SELECT coalesce(max(id), 0) FROM events");

        JsonObject dry = importOk("?dry_run=true", STUDIO);
        assertTrue(dry.getBoolean("dry_run"));
        assertEquals(List.of("it-cam1", "it-news", "it-mpts", "it-author"), strings(dry.getJsonObject("streams").getJsonArray("created")));
        assertEquals(List.of("srt_publish", "listeners", "config_external"),
                strings(dry.getJsonObject("server").getJsonArray("changed")));
        JsonObject warning = dry.getJsonArray("warnings").getJsonObject(0);
        assertEquals("legacy_ignored", warning.getString("code"));
        assertEquals(24, warning.getInt("line"));
        assertEquals(0, itStreams(), "a dry run writes nothing");
        assertEquals(before, Http.object(Http.admin(CONFIG)));
        assertEquals(events, count(ENGINE_QUIET_EVENTS), "nor records events");
        assertEquals(List.of(), srtPorts());

        JsonObject done = importOk("", STUDIO);
        assertFalse(done.getBoolean("dry_run"));
        assertEquals(dry.getJsonObject("streams"), done.getJsonObject("streams"));
        assertEquals(json(CAM1_STORED), getStream("it-cam1"));
        assertEquals(json(NEWS_STORED), getStream("it-news"));
        assertEquals("[45,46,47]", getStream("it-mpts").getJsonArray("inputs").getJsonObject(0).get("pids").toString());
        assertTrue(getStream("it-mpts").getBoolean("disabled"));
        assertEquals(json("{\"passphrase\":\"securePass\",\"latency\":120}"), getStream("it-author").get("srt_publish"));
        assertEquals(json("{\"srt_publish\":{\"port\":33999,\"passphrase\":\"global-secret\",\"latency\":120},"
                        + "\"listeners\":{\"srt\":[{\"mode\":\"publish\",\"ports\":{\"first\":34000,\"last\":34099}}]},"
                        + "\"config_external\":\"http://127.0.0.1:12345/config_backend/\"}"),
                Http.object(Http.admin(CONFIG)));
        assertEquals(List.of("33001:it-cam1:srt_publish", "33003:it-cam1:srt_play", "33999:-:srt_publish"), srtPorts());
        assertEquals(4, count("SELECT count(*) FROM events WHERE type = 'stream_reconfigured' AND stream LIKE 'it-%' "
                + "AND data->>'change' = 'created' AND id > ?", lastEvent));
        assertEquals(1, count("SELECT count(*) FROM events WHERE type = 'config_imported' AND data->>'created' = '4' AND id > ?",
                lastEvent));
    }

    @Test
    void theExportImportsBackWithoutAChange() throws Exception {
        importOk("", STUDIO);
        HttpResponse<String> export = Http.admin(EXPORT);
        assertEquals(200, export.statusCode(), export.body());
        assertTrue(export.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), export.headers().toString());
        String text = export.body();
        assertTrue(text.contains("stream it-cam1 {") && text.contains("cam1-secret-pass") && text.contains("global-secret"), text);
        long events = count(ENGINE_QUIET_EVENTS);

        JsonObject again = importOk("", text);
        JsonObject streams = again.getJsonObject("streams");
        assertEquals(List.of(), strings(streams.getJsonArray("created")), again.toString());
        assertEquals(0, streams.getJsonArray("replaced").size(), again.toString());
        assertTrue(strings(streams.getJsonArray("unchanged")).containsAll(List.of("it-author", "it-cam1", "it-mpts", "it-news")));
        assertEquals(List.of(), strings(again.getJsonObject("server").getJsonArray("changed")));
        assertEquals(events, count(ENGINE_QUIET_EVENTS), "an import without a change records nothing");
        assertEquals(text.substring(text.indexOf('\n')), Http.admin(EXPORT).body().substring(text.indexOf('\n')),
                "the export after the re-import is the same text (but for its time stamp)");

        // replace=true: the server ends up exactly as the text says; a stream left out is deleted.
        String withoutMpts = text.replaceAll("(?s)stream it-mpts \\{.*?\\n}\\n", "");
        JsonObject replaced = importOk("?replace=true&dry_run=true", withoutMpts);
        assertEquals(List.of("it-mpts"), strings(replaced.getJsonObject("streams").getJsonArray("deleted")));
        assertEquals(200, Http.admin(STREAMS + "it-mpts").statusCode(), "still there after the dry run");
        importOk("?replace=true", withoutMpts);
        assertEquals(404, Http.admin(STREAMS + "it-mpts").statusCode());
    }

    /** GET writes every default out (an input's source_timeout too); the export leaves each of them out. */
    @Test
    void getShowsTheDefaultsAndTheExportLeavesThemOut() throws Exception {
        assertEquals(201, ConfigApi.putStream("it-plain", "{\"static\":false,\"inputs\":[{\"url\":\"rtsp://cam/1\"}],"
                + "\"srt_publish\":{\"passphrase\":\"securePass\"},\"pushes\":[{\"url\":\"rtmp://cdn/live/a\"}]}").statusCode());
        assertEquals(200, admin("PATCH", STREAMS + "it-plain", "{\"srt_publish\":{\"passphrase\":null}}").statusCode());
        JsonObject stream = getStream("it-plain");
        assertEquals(json("{\"url\":\"rtsp://cam/1\",\"source_timeout\":60}"), stream.getJsonArray("inputs").getJsonObject(0));
        assertEquals(10, stream.getInt("retry_limit"));
        assertEquals(60, stream.getInt("clients_timeout"));
        assertEquals(json("{\"latency\":120}"), stream.getJsonObject("srt_publish"));
        assertEquals(200, ConfigApi.putStream("it-plain", stream.toString()).statusCode(), "GET's answer is a valid PUT");

        String text = Http.admin(EXPORT).body();
        String block = text.substring(text.indexOf("ondemand it-plain {"));
        block = block.substring(0, block.indexOf("\n}\n") + 3);
        assertEquals("ondemand it-plain {\n  input rtsp://cam/1;\n  srt_publish;\n  push rtmp://cdn/live/a;\n}\n", block, text);
        JsonObject again = importOk("", text);
        assertEquals(List.of("it-plain"), strings(again.getJsonObject("streams").getJsonArray("unchanged")), again.toString());
        assertEquals(stream, getStream("it-plain"));
    }

    @Test
    void publishLocationsAndTemplatesAreImportedExportedAndReplaced() throws Exception {
        String text = """
                live it-chats {
                  password chat-secret;
                  segment_duration 2;
                }
                template it-nsk {
                  prefix it-nsk;
                  input rtsp://127.0.0.1:555/%s;
                }
                """;
        JsonObject dry = importOk("?dry_run=true", text);
        assertEquals(List.of("it-chats"), strings(dry.getJsonObject("live").getJsonArray("created")));
        assertEquals(List.of("it-nsk"), strings(dry.getJsonObject("templates").getJsonArray("created")));
        assertEquals(404, Http.admin(LIVE + "it-chats").statusCode(), "a dry run writes nothing");

        importOk("", text);
        JsonObject live = Http.object(Http.admin(LIVE + "it-chats"));
        assertEquals("chat-secret", live.getString("password"));
        assertEquals(2, live.getInt("segment_duration"));
        JsonObject template = Http.object(Http.admin(TEMPLATES + "it-nsk"));
        assertEquals("it-nsk", template.getString("prefix"));
        assertEquals("rtsp://127.0.0.1:555/%s", template.getJsonArray("inputs").getJsonObject(0).getString("url"));

        String export = Http.admin(EXPORT).body();
        assertTrue(export.contains("live it-chats {") && export.contains("template it-nsk {"), export);
        JsonObject again = importOk("", export);
        assertEquals(List.of("it-chats"), strings(again.getJsonObject("live").getJsonArray("unchanged")), again.toString());
        assertEquals(List.of("it-nsk"), strings(again.getJsonObject("templates").getJsonArray("unchanged")), again.toString());

        JsonObject changed = importOk("", text.replace("segment_duration 2", "segment_duration 6"));
        assertEquals("[{\"name\":\"it-chats\",\"fields\":[\"segment_duration\"]}]",
                changed.getJsonObject("live").getJsonArray("replaced").toString());
        JsonObject replaced = importOk("?replace=true", export.replaceAll("(?s)live it-chats \\{.*?\\n}\\n", ""));
        assertEquals(List.of("it-chats"), strings(replaced.getJsonObject("live").getJsonArray("deleted")));
        assertEquals(404, Http.admin(LIVE + "it-chats").statusCode());
        assertEquals(200, Http.admin(TEMPLATES + "it-nsk").statusCode());

        HttpResponse<String> r = importText("", "live it-bad {\n  input rtsp://a/b;\n}");
        assertError(r, 400, "invalid_value", "live[it-bad].inputs");
        assertEquals(2, Http.object(r).getInt("line"));
    }

    @Test
    void aViewerExportsWithoutSecretsAndCannotImport() throws Exception {
        importOk("", STUDIO);
        ConfigApi.createViewer();
        HttpResponse<String> export = Http.get(EXPORT, ConfigApi.VIEWER, ConfigApi.VIEWER_PASSWORD);
        assertEquals(200, export.statusCode(), export.body());
        assertTrue(export.body().contains("stream it-cam1 {"), export.body());
        assertFalse(export.body().contains("cam1-secret-pass") || export.body().contains("global-secret")
                || export.body().contains("securePass") || export.body().matches("(?s).*\\n\\s*passphrase .*"), export.body());
        assertTrue(export.body().contains("left out"), export.body());

        HttpResponse<String> refused = Http.send(HttpRequest.newBuilder(Http.uri(IMPORT))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", TEXT)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (ConfigApi.VIEWER + ":" + ConfigApi.VIEWER_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("stream it-x { input publish://; }")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertError(refused, 403, "forbidden", null);
        assertEquals(0, count("SELECT count(*) FROM streams WHERE name = 'it-x'"));
    }

    @Test
    void aSyntaxErrorIsAnsweredWithItsLineAndColumnAndWritesNothing() throws Exception {
        importOk("", STUDIO);
        JsonObject config = Http.object(Http.admin(CONFIG));
        String broken = STUDIO.replace("stream it-mpts {", "stream it-mpts {{").replace("Studio camera 1", "Changed");
        HttpResponse<String> r = importText("", broken);
        String message = assertError(r, 400, "syntax_error", null);
        JsonObject e = Http.object(r);
        assertEquals(27, e.getInt("line"), message);
        assertEquals(17, e.getInt("column"), message);
        assertTrue(message.startsWith("Syntax error at line 27, column 17: "), message);
        assertEquals("Studio camera 1", getStream("it-cam1").getString("title"), "nothing changed");
        assertEquals(config, Http.object(Http.admin(CONFIG)));
    }

    @Test
    void unsupportedDirectivesAreAllListedWithTheirLines() throws Exception {
        HttpResponse<String> r = importText("?dry_run=true", """
                rtsp 554;
                stream it-cam1 {
                  input publish://;
                  transcoder vb=1000k;
                  dvr /storage 90% 5d;
                }
                file vod { path /storage; }
                """);
        String message = assertError(r, 400, "unsupported_directive", "server.listeners.rtsp");
        assertEquals("Unsupported directive 'rtsp' at line 1, column 1: this server does not store 'listeners.rtsp' yet.", message);
        JsonArray errors = Http.object(r).getJsonArray("errors");
        assertEquals(List.of(1, 4, 7), errors.stream().map(v -> v.asJsonObject().getInt("line")).toList(), errors.toString());
        assertEquals("Unsupported directive 'transcoder' at line 4, column 3: this server does not transcode.",
                errors.getJsonObject(1).getString("message"));
        assertTrue(errors.getJsonObject(2).getString("message").startsWith("Unsupported directive 'file' at line 7"),
                errors.toString());
        assertEquals(0, itStreams());
    }

    @Test
    void aRefusalPartWayThroughLeavesNothingHalfWritten() throws Exception {
        assertEquals(201, putStream("it-holder", "{\"srt_play\":{\"port\":33500}}").statusCode());
        long events = count(ENGINE_QUIET_EVENTS);
        String text = """
                stream it-first {
                  input publish://;
                  srt_publish 33501;
                }
                stream it-second {
                  input publish://;
                  srt 33500;
                }
                """;
        HttpResponse<String> r = importText("", text);
        String message = assertError(r, 409, "port_conflict", "streams[it-second].srt.port");
        assertEquals("Conflict at line 7, column 7: Port 33500 is already used by stream it-holder (srt_play).", message);
        assertEquals(0, count("SELECT count(*) FROM streams WHERE name IN ('it-first', 'it-second')"), "rolled back whole");
        assertEquals(List.of("33500:it-holder:srt_play"), srtPorts());
        assertEquals(events, count(ENGINE_QUIET_EVENTS));
        assertError(importText("?dry_run=true", text), 409, "port_conflict", "streams[it-second].srt.port");

        String invalid = "stream it-first { input publish://; }\nstream it-bad { srt_publish 33502 passphrase=short; }";
        r = importText("", invalid);
        message = assertError(r, 400, "invalid_value", "streams[it-bad].srt_publish.passphrase");
        assertTrue(message.startsWith("Invalid value at line 2, column 35: An SRT passphrase has 10 to 79 characters"), message);
        assertEquals(2, Http.object(r).getInt("line"));
        assertEquals(0, count("SELECT count(*) FROM streams WHERE name IN ('it-first', 'it-bad')"));
    }

    @Test
    void portsMayChangeOwnersWithinOneImport() throws Exception {
        importOk("", "stream it-a { srt 33601; }\nstream it-b { srt 33602; }\nsrt_publish 33603;");
        JsonObject swapped = importOk("", "stream it-a { srt 33602; }\nstream it-b { srt 33603; }\nsrt_publish 33601;");
        assertEquals(2, swapped.getJsonObject("streams").getJsonArray("replaced").size());
        assertEquals(json("{\"name\":\"it-a\",\"fields\":[\"srt\"]}"),
                swapped.getJsonObject("streams").getJsonArray("replaced").getJsonObject(0));
        assertEquals(List.of("33601:-:srt_publish", "33602:it-a:srt", "33603:it-b:srt"), srtPorts());
    }

    @Test
    void badRequestsAreRefusedPlainly() throws Exception {
        assertError(importText("", "  \n"), 400, "invalid_value", null);
        assertError(importText("?dry_run=maybe", "stream it-a { }"), 400, "invalid_value", "dry_run");
        assertError(adminTyped("POST", IMPORT, "application/json", "{}"), 415, "unsupported_media_type", null);
        assertError(admin("PUT", IMPORT, "{}"), 405, "method_not_allowed", null);
        assertEquals(0, itStreams());
        assertEquals(200, Http.admin(CONFIG).statusCode(), "GET /config is still the server settings");
    }
}
