package org.openstreamer.ejb.json;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.SrtEndpoint;
import org.openstreamer.ejb.model.Backup;
import org.openstreamer.ejb.model.DvrConfig;
import org.openstreamer.ejb.model.InputDefinition;
import org.openstreamer.ejb.model.Push;
import org.openstreamer.ejb.model.StreamDefinition;
import org.openstreamer.ejb.model.StreamOptions;
import org.openstreamer.ejb.error.ConfigException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamJsonTest {

    /** The shape of the example, every key used. */
    static final String EXAMPLE = "{\"name\":\"cam1\",\"title\":\"Camera 1\",\"static\":true,"
            + "\"inputs\":[{\"url\":\"publish://\",\"priority\":1,\"source_timeout\":60}],"
            + "\"srt_publish\":{\"port\":2345,\"passphrase\":\"securePass\",\"latency\":120},"
            + "\"srt_play\":{\"port\":2346},\"srt\":{\"passphrase\":\"0123456789ab\"},"
            + "\"dvr\":{\"root\":\"/storage\",\"depth\":432000,\"disk_limit\":90,\"storage_limit\":500000000000,"
            + "\"schedule\":\"8:00-16:00\",\"offline\":false},"
            + "\"pushes\":[{\"url\":\"rtmp://cdn.example.com/live/cam1\",\"retry_timeout\":5}],"
            + "\"segment_duration\":4,\"segment_count\":4,\"on_publish\":\"http://auth.example.com/publish\","
            + "\"on_play\":\"http://auth.example.com/play\",\"max_sessions\":1000,\"disabled\":false,"
            + "\"clients_timeout\":20,\"retry_limit\":3,\"password\":\"secret\",\"max_bitrate\":4000,"
            + "\"publish_enabled\":false,\"backup\":{\"file\":\"vod/blank.mp4\"},\"meta\":{\"k\":\"v\"}}";

    static StreamDefinition read(String body, String name) {
        return StreamJson.read(JsonBody.object(body), name);
    }

    static void assertRefused(String body, String code, String field) {
        ConfigException e = assertThrows(ConfigException.class, () -> read(body, "cam1"), body);
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
    }

    @Test
    void aPushOverTlsMayTakeAnyCertificate() {
        StreamDefinition d = read("{\"pushes\":[{\"url\":\"rtmps://cdn/live/a\",\"tls_verify\":false},"
                + "{\"url\":\"hlss://cdn/b/\"}]}", "cam1");
        assertEquals(false, d.options().pushes().get(0).tlsVerify());
        assertEquals(true, d.options().pushes().get(1).tlsVerify(), "checked by default");
        JsonObject written = StreamJson.write(d);
        assertEquals(false, written.getJsonArray("pushes").getJsonObject(0).getBoolean("tls_verify"));
        assertFalse(written.getJsonArray("pushes").getJsonObject(1).containsKey("tls_verify"), written.toString());
        assertRefused("{\"pushes\":[{\"url\":\"rtmps://cdn/live/a\",\"tls_verify\":\"no\"}]}", ConfigException.INVALID_TYPE,
                "pushes[0].tls_verify");
    }

    /** PATCH applies an RFC 7396 merge patch to the stream as written: null removes, also nested. */
    @Test
    void aMergePatchNullRemovesTheSetting() {
        StreamDefinition d = read(EXAMPLE, "cam1");
        JsonObject patch = JsonBody.object("{\"title\":null,\"max_sessions\":null,\"srt_publish\":{\"passphrase\":null},"
                + "\"meta\":{\"k\":null,\"z\":1}}");
        StreamOptions o = StreamJson.read(org.openstreamer.ejb.util.Jsonp.JSON.createMergePatch(patch)
                .apply(StreamJson.write(d)).asJsonObject(), "cam1").options();
        assertNull(o.title());
        assertNull(o.maxSessions());
        assertNull(o.srtPublish().passphrase());
        assertEquals(2345, o.srtPublish().port());
        assertEquals("{\"z\":1}", o.meta().toString());
        assertEquals(1000, d.options().maxSessions().intValue(), "the stored definition is not changed");
    }

    @Test
    void readsTheV3Shape() {
        StreamDefinition d = read(EXAMPLE, "cam1");
        StreamOptions o = d.options();
        assertEquals("cam1", d.name());
        assertEquals("Camera 1", o.title());
        assertTrue(o.isStatic());
        assertEquals(20, o.clientsTimeout());
        assertEquals(3, o.retryLimit());
        assertEquals("secret", o.password());
        assertEquals("http://auth.example.com/publish", o.onPublish());
        assertEquals("http://auth.example.com/play", o.onPlay());
        assertEquals(1000, o.maxSessions());
        assertEquals(4000, o.maxBitrate());
        assertEquals(List.of(new InputDefinition("publish://", 1, 60, null)), o.inputs());
        assertEquals(new SrtEndpoint(0, "0123456789ab", 120), o.srt(), "no port: 0, latency defaults to 120");
        assertEquals(new SrtEndpoint(2345, "securePass", 120), o.srtPublish());
        assertEquals(new SrtEndpoint(2346, null, 120), o.srtPlay());
        assertEquals(new DvrConfig("/storage", 432_000L, 90, 500_000_000_000L, "8:00-16:00", false), o.dvr());
        assertEquals(List.of(new Push("rtmp://cdn.example.com/live/cam1", 5, null, false, null)), o.pushes());
        assertEquals(new Backup("vod/blank.mp4"), o.backup());
        assertEquals("v", o.meta().getString("k"));
    }

    @Test
    void theLiveStatsOfAGetAreIgnoredOnTheWayBack() {
        String withStats = EXAMPLE.substring(0, EXAMPLE.length() - 1)
                + ",\"stats\":{\"alive\":true,\"client_count\":3,\"anything\":[1]}}";
        assertEquals(read(EXAMPLE, "cam1"), read(withStats, "cam1"));
    }

    @Test
    void absentAndNullKeysTakeTheirDefaults() {
        StreamDefinition d = read("{\"title\":null,\"srt\":null,\"inputs\":null,\"dvr\":null,\"pushes\":null}", "live/cam2");
        assertEquals("live/cam2", d.name(), "the name comes from the URL");
        assertEquals(StreamDefinition.withDefaults("live/cam2"), d);
        assertEquals(5, read("{\"pushes\":[{\"url\":\"srt://h:1\"}]}", "c").options().pushes().get(0).retryTimeout(),
                "retry_timeout defaults to 5 s");
        assertFalse(read("{\"dvr\":{\"root\":\"/s\"}}", "c").options().dvr().offline());
    }

    @Test
    void writingThenReadingGivesTheSameStreamAndDefaultsAreWrittenOut() {
        StreamDefinition d = read(EXAMPLE, "cam1");
        JsonObject written = StreamJson.write(d);
        assertEquals(d, StreamJson.read(written, "cam1"));
        assertEquals(List.of("name", "title", "disabled", "publish_enabled", "static", "clients_timeout", "retry_limit",
                "password", "on_publish", "on_play", "max_sessions", "max_bitrate", "inputs", "srt", "srt_publish",
                "srt_play", "segment_duration", "segment_count", "dvr", "pushes", "backup", "meta"),
                List.copyOf(written.keySet()));
        assertEquals("{\"passphrase\":\"0123456789ab\",\"latency\":120}", written.getJsonObject("srt").toString());
        assertEquals("{\"url\":\"rtmp://cdn.example.com/live/cam1\",\"retry_timeout\":5,\"disabled\":false}",
                written.getJsonArray("pushes").getJsonObject(0).toString());
        assertEquals("{\"name\":\"c\",\"disabled\":false,\"publish_enabled\":false,\"static\":true,\"clients_timeout\":60,"
                + "\"retry_limit\":10,\"inputs\":[],\"segment_duration\":4,\"segment_count\":4,\"pushes\":[],\"meta\":{}}",
                StreamJson.write(StreamDefinition.withDefaults("c")).toString());
    }

    @Test
    void statsFromGetAreAcceptedAndIgnored() {
        assertEquals(StreamDefinition.withDefaults("c"), read("{\"stats\":{\"status\":\"waiting\"}}", "c"));
    }

    @Test
    void thumbnailsAreOffUnlessAskedForAndWrittenOnlyWhenOn() {
        assertFalse(read("{}", "c").options().thumbnails());
        assertFalse(StreamJson.write(read("{}", "c")).containsKey("thumbnails"));
        StreamDefinition on = read("{\"thumbnails\":true}", "c");
        assertTrue(on.options().thumbnails());
        assertEquals(on, StreamJson.read(StreamJson.write(on), "c"));
        assertEquals(List.of("thumbnails"), on.options().changedFrom(read("{}", "c").options()));
    }

    @Test
    void authIsReadAsTheOlderNameOfOnPlay() {
        assertEquals("http://a/", read("{\"auth\":\"http://a/\"}", "c").options().onPlay());
        assertEquals("http://a/", read("{\"auth\":\"http://a/\",\"on_play\":\"http://a/\"}", "c").options().onPlay());
        assertFalse(StreamJson.write(read("{\"auth\":\"http://a/\"}", "c")).containsKey("auth"), "written as on_play");
        assertRefused("{\"auth\":\"http://a/\",\"on_play\":\"http://b/\"}", "invalid_value", "auth");
    }

    @Test
    void inputOptionsBesidesTheColumnsAreCollected() {
        StreamDefinition d = read("{\"inputs\":[{\"url\":\"tshttp://h/s\",\"user_agent\":\"VLC\",\"program\":3,"
                + "\"source_timeout\":null,\"tracks\":null}]}", "cam1");
        InputDefinition input = d.options().inputs().get(0);
        assertEquals(InputDefinition.DEFAULT_SOURCE_TIMEOUT, input.sourceTimeout());
        assertEquals("{\"user_agent\":\"VLC\",\"program\":3}", input.options().toString());
        assertEquals("{\"url\":\"tshttp://h/s\",\"source_timeout\":60,\"user_agent\":\"VLC\",\"program\":3}",
                StreamJson.write(d).getJsonArray("inputs").getJsonObject(0).toString());
    }

    @Test
    void unknownKeysWrongTypesAndANameMismatchAreRefusedWithTheirField() {
        assertRefused("{\"colour\":\"red\"}", "unknown_key", "colour");
        assertRefused("{\"srt_play\":{\"port\":9003,\"mode\":\"x\"}}", "unknown_key", "srt_play.mode");
        // Only the server's SRT ports name an address of their own.
        assertRefused("{\"srt_publish\":{\"port\":9001,\"address\":\"127.0.0.2\"}}", "unknown_key", "srt_publish.address");
        assertRefused("{\"dvr\":{\"root\":\"/s\",\"copies\":2}}", "unknown_key", "dvr.copies");
        assertRefused("{\"pushes\":[{\"url\":\"srt://h:1\",\"speed\":2}]}", "unknown_key", "pushes[0].speed");
        assertRefused("{\"backup\":{\"file\":\"vod/a.mp4\",\"loop\":true}}", "unknown_key", "backup.loop");
        assertRefused("{\"inputs\":[{\"url\":\"publish://\",\"bogus\":1}]}", "unknown_key", "inputs[0].bogus");
        assertRefused("{\"srt\":{\"port\":\"9001\"}}", "invalid_type", "srt.port");
        assertRefused("{\"srt\":{\"port\":0}}", "invalid_value", "srt.port");
        assertRefused("{\"srt\":{\"port\":4294967297}}", "invalid_value", "srt.port");
        assertRefused("{\"srt\":[]}", "invalid_type", "srt");
        assertRefused("{\"disabled\":1}", "invalid_type", "disabled");
        assertRefused("{\"static\":\"yes\"}", "invalid_type", "static");
        assertRefused("{\"segment_count\":4.5}", "invalid_type", "segment_count");
        assertRefused("{\"inputs\":[1]}", "invalid_type", "inputs[0]");
        assertRefused("{\"inputs\":[{\"url\":7}]}", "invalid_type", "inputs[0].url");
        assertRefused("{\"meta\":\"k=v\"}", "invalid_type", "meta");
        assertRefused("{\"dvr\":{\"depth\":\"5d\"}}", "invalid_type", "dvr.depth");
        assertRefused("{\"dvr\":{\"storage_limit\":99999999999999999999}}", "invalid_value", "dvr.storage_limit");
        assertRefused("{\"dvr\":{\"disk_limit\":90.5}}", "invalid_type", "dvr.disk_limit");
        assertRefused("{\"pushes\":[\"rtmp://h/x\"]}", "invalid_type", "pushes[0]");
        assertRefused("{\"pushes\":{}}", "invalid_type", "pushes");
        assertRefused("{\"backup\":\"vod/a.mp4\"}", "invalid_type", "backup");
        assertRefused("{\"name\":\"cam2\"}", "name_mismatch", "name");
    }

    @Test
    void leniencySkipsAndReportsUnknownKeysAtEveryDepth() {
        JsonRead<StreamDefinition> r = StreamJson.readLenient(JsonBody.object("{\"name\":\"cam1\",\"colour\":\"red\","
                + "\"inputs\":[{\"url\":\"publish://\",\"bogus\":1,\"user_agent\":\"VLC\"}],"
                + "\"srt_publish\":{\"passphrase\":\"securePass\",\"mode\":\"x\"},\"dvr\":{\"root\":\"/s\",\"copies\":2},"
                + "\"pushes\":[{\"url\":\"srt://h:1\",\"speed\":2}],\"segment_count\":5}"));
        assertEquals(List.of("colour", "inputs[0].bogus", "srt_publish.mode", "dvr.copies", "pushes[0].speed"), r.ignored());
        StreamOptions o = r.value().options();
        assertEquals("cam1", r.value().name());
        assertEquals(5, o.segmentCount());
        assertEquals("{\"user_agent\":\"VLC\"}", o.inputs().get(0).options().toString());
        assertEquals(new SrtEndpoint(0, "securePass", 120), o.srtPublish());
        assertEquals(List.of(), StreamJson.readLenient(JsonBody.object(EXAMPLE)).ignored());
        ConfigException wrongType = assertThrows(ConfigException.class,
                () -> StreamJson.readLenient(JsonBody.object("{\"name\":\"c\",\"disabled\":\"no\"}")));
        assertEquals("disabled", wrongType.field(), "lenient about keys, not about types");
        assertEquals("name", assertThrows(ConfigException.class,
                () -> StreamJson.readLenient(JsonBody.object("{\"title\":\"t\"}"))).field());
    }

    @Test
    void theConfigBackendExampleReadsLeniently() {
        JsonRead<StreamDefinition> r = StreamJson.readLenient(JsonBody.object("{\"name\":\"publish_stream_name\","
                + "\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"passphrase\":\"securePass\"}}"));
        assertEquals(List.of(), r.ignored());
        assertTrue(r.value().options().publishable());
    }

    @Test
    void bodiesThatAreNotOneJsonObjectAreInvalidJson() {
        for (String body : List.of("", "  ", "{", "{\"a\":}", "[]", "\"text\"", "42", "{} {}")) {
            ConfigException e = assertThrows(ConfigException.class, () -> JsonBody.object(body), body);
            assertEquals("invalid_json", e.code(), body);
            assertNull(e.field());
        }
    }
}
