package org.openstreamer.ejb.config.text;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.SrtEndpoint;
import org.openstreamer.ejb.model.InputDefinition;
import org.openstreamer.ejb.model.StreamDefinition;
import org.openstreamer.ejb.model.StreamOptions;
import org.openstreamer.ejb.error.ConfigException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstreamer.ejb.config.text.ConfigTextReaderTest.json;

/** The imported JSON read by the API's own readers and validators, refusals placed at their line. */
class ImportCheckTest {

    static ImportCheck.Checked check(String text) {
        return ImportCheck.check(ConfigTextReader.read(text));
    }

    static TextConfigException refused(String text) {
        return assertThrows(TextConfigException.class, () -> check(text));
    }

    @Test
    void whatTheModelStoresTodayPasses() {
        ImportCheck.Checked c = check("""
                srt_publish { port 9999; passphrase global-secret; }
                listeners { srt publish 2345-12344; }
                config_external http://127.0.0.1:12345/config_backend/;
                stream cam1 {
                  title "Camera 1";
                  input publish://;
                  srt_publish passphrase=securePass;
                  srt_play 9003;
                  segment_duration 6;
                  meta owner studio;
                }
                stream rtr {
                  url tshttp://10.0.4.5:9000/channel/5 priority=1 source_timeout=60 user_agent=VLC;
                  url tshttp://10.2.4.5:9000/channel/5 priority=2;
                  publish_enabled;
                  disabled;
                }
                """);
        assertTrue(c.setsServer());
        assertEquals(2, c.streams().size());
        StreamDefinition cam1 = c.streams().get(0).definition();
        assertEquals(new StreamDefinition("cam1", StreamOptions.builder().title("Camera 1")
                .inputs(List.of(new InputDefinition("publish://", null, null, null)))
                .srtPublish(new SrtEndpoint(0, "securePass", 120)).srtPlay(new SrtEndpoint(9003, null, 120))
                .segmentDuration(6).segmentCount(4).meta((JsonObject) json("{\"owner\":\"studio\"}")).build()), cam1);
        StreamDefinition rtr = c.streams().get(1).definition();
        assertEquals(new InputDefinition("tshttp://10.0.4.5:9000/channel/5", 1, 60, (JsonObject) json("{\"user_agent\":\"VLC\"}")),
                rtr.options().inputs().get(0));
        assertTrue(rtr.options().publishEnabled() && rtr.options().disabled());
    }

    @Test
    void theRtmpPortIsStoredButNotAnAddressForIt() {
        assertTrue(check("rtmp 1936;").setsServer());
        assertTrue(check("rtmp 0;").setsServer());
        TextConfigException e = refused("rtmp 127.0.0.1:1936;");
        assertEquals("server.listeners.rtmp[0].address", e.field());
        assertEquals(Problem.UNSUPPORTED_DIRECTIVE, e.code());
        assertEquals("invalid_value", refused("rtmp 1935;\nrtmp 1936;").code());
    }

    @Test
    void aKeyTheModelDoesNotStoreIsAnUnsupportedDirectiveAtItsLine() {
        TextConfigException e = refused("stream cam1 {\n  input publish://;\n  dvr /storage 90% 5d;\n}\nrtsp 554;\nsrt 9998;");
        assertEquals(Problem.UNSUPPORTED_DIRECTIVE, e.code());
        assertEquals("server.listeners.rtsp", e.field());
        assertEquals("Unsupported directive 'rtsp' at line 5, column 1: this server does not store 'listeners.rtsp' yet.",
                e.getMessage());
        assertEquals(5, e.line());
        assertEquals(1, e.column());
        assertEquals(1, e.problems().size(), "the stream with its DVR settings is fine");
    }

    @Test
    void validationRefusalsCarryTheirFieldLineAndColumn() {
        TextConfigException e = refused("stream cam1 {\n  srt_publish 9001 passphrase=short;\n}");
        assertEquals(ConfigException.INVALID_VALUE, e.code());
        assertEquals("streams[cam1].srt_publish.passphrase", e.field());
        assertEquals("Invalid value at line 2, column 20: An SRT passphrase has 10 to 79 characters (this one has 5).",
                e.getMessage());
        e = refused("stream cam1 { url http://example.com/live.ts; }");
        assertEquals("streams[cam1].inputs[0].url", e.field());
        assertTrue(e.getMessage().startsWith("Invalid value at line 1, column 19: http:// does not say what to fetch"),
                e.getMessage());
        e = refused("stream cam1 { srt 9001; srt_play 9001; }");
        assertEquals(ConfigException.Kind.CONFLICT, e.kind());
        assertTrue(e.getMessage().startsWith("Conflict at line 1, column 34: Port 9001 is used twice"), e.getMessage());
        e = refused("stream \"bad name\" { }");
        assertEquals("streams[bad name].name", e.field());
        assertEquals(1, e.line());
        e = refused("srt_publish passphrase=global-secret;");
        assertEquals("server.srt_publish.port", e.field());
        assertTrue(e.getMessage().startsWith("Invalid value at line 1, column 1: A global SRT endpoint needs a port."),
                e.getMessage());
    }

    @Test
    void publishLocationsAndTemplatesAreReadByTheApisReaders() {
        ImportCheck.Checked c = check("live mylive {\n  password secret1;\n}\ntemplate nsk { prefix nsk; input rtsp://streamer:555/%s; }");
        assertEquals("mylive", c.live().get(0).definition().prefix());
        assertEquals("secret1", c.live().get(0).definition().options().password());
        assertEquals("nsk", c.templates().get(0).definition().prefix());
        assertEquals("rtsp://streamer:555/%s", c.templates().get(0).definition().options().inputs().get(0).url());

        TextConfigException e = refused("live mylive {\n  input rtsp://a/b;\n}");
        assertEquals("live[mylive].inputs", e.field());
        assertEquals(2, e.line());
        e = refused("template nsk {\n  prefix nsk;\n  srt_publish 9001 passphrase=short;\n}");
        assertEquals("templates[nsk].srt_publish.passphrase", e.field());
        assertEquals(3, e.line());
    }

    @Test
    void everyProblemIsListedEarliestFirst() {
        TextConfigException e = refused("""
                stream b { srt_publish 9001 passphrase=short; }
                stream a { transcoder vb=1000k; }
                rtsp 554;
                """);
        assertEquals(List.of(1, 2, 3), e.problems().stream().map(Problem::line).toList());
        assertEquals(1, e.line(), "the exception is the earliest problem");
    }

    @Test
    void theTextsGlobalsReplaceStoredSettingsWholeAndListenersByProtocol() {
        JsonObject stored = (JsonObject) json("{\"srt_publish\":{\"port\":9999,\"passphrase\":\"global-secret\",\"latency\":120},"
                + "\"listeners\":{\"srt\":[{\"mode\":\"publish\",\"ports\":{\"first\":1,\"last\":2}}],\"http\":[{\"port\":80}]},"
                + "\"config_external\":\"http://a/\"}");
        JsonObject text = (JsonObject) json("{\"srt_publish\":{\"port\":9999},\"listeners\":{\"http\":[{\"port\":8080}]}}");
        assertEquals(json("{\"srt_publish\":{\"port\":9999},"
                + "\"listeners\":{\"srt\":[{\"mode\":\"publish\",\"ports\":{\"first\":1,\"last\":2}}],\"http\":[{\"port\":8080}]},"
                + "\"config_external\":\"http://a/\"}"), ImportCheck.merge(stored, text));
        assertFalse(check("stream a { }").setsServer());
    }
}
