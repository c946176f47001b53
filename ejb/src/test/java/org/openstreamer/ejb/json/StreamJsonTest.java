package org.openstreamer.ejb.json;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.SrtEndpoint;
import org.openstreamer.ejb.model.InputDefinition;
import org.openstreamer.ejb.model.StreamDefinition;
import org.openstreamer.ejb.service.ConfigException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamJsonTest {

    static final String EXAMPLE = "{\"name\":\"cam1\",\"title\":\"Camera 1\",\"disabled\":false,\"publish_enabled\":true,"
            + "\"inputs\":[{\"url\":\"publish://\",\"priority\":1,\"source_timeout\":60}],"
            + "\"srt\":{\"port\":9001,\"passphrase\":\"0123456789ab\",\"latency\":120},"
            + "\"srt_publish\":{\"passphrase\":\"securePass\"},\"srt_play\":{\"port\":9003},"
            + "\"segment_duration\":4,\"segment_count\":4,\"meta\":{\"k\":\"v\"}}";

    static StreamDefinition read(String body, String name) {
        return StreamJson.read(JsonBody.object(body), name);
    }

    static void assertRefused(String body, String code, String field) {
        ConfigException e = assertThrows(ConfigException.class, () -> read(body, "cam1"), body);
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
    }

    @Test
    void readsTheV3Shape() {
        StreamDefinition d = read(EXAMPLE, "cam1");
        assertEquals("cam1", d.name());
        assertEquals("Camera 1", d.title());
        assertTrue(d.publishEnabled());
        assertEquals(List.of(new InputDefinition("publish://", 1, 60, null)), d.inputs());
        assertEquals(new SrtEndpoint(9001, "0123456789ab", 120), d.srt());
        assertEquals(new SrtEndpoint(0, "securePass", 120), d.srtPublish(), "no port: 0, latency defaults to 120");
        assertEquals(new SrtEndpoint(9003, null, 120), d.srtPlay());
        assertEquals("v", d.meta().getString("k"));
    }

    @Test
    void theLiveStatsOfAGetAreIgnoredOnTheWayBack() {
        String withStats = EXAMPLE.substring(0, EXAMPLE.length() - 1)
                + ",\"stats\":{\"alive\":true,\"client_count\":3,\"anything\":[1]}}";
        assertEquals(read(EXAMPLE, "cam1"), read(withStats, "cam1"));
    }

    @Test
    void absentAndNullKeysTakeTheirDefaults() {
        StreamDefinition d = read("{\"title\":null,\"srt\":null,\"inputs\":null}", "live/cam2");
        assertEquals("live/cam2", d.name(), "the name comes from the URL");
        assertNull(d.title());
        assertNull(d.srt());
        assertEquals(List.of(), d.inputs());
        assertEquals(4, d.segmentDuration());
        assertEquals(4, d.segmentCount());
        assertTrue(d.meta().isEmpty());
    }

    @Test
    void writingThenReadingGivesTheSameStream() {
        StreamDefinition d = read(EXAMPLE, "cam1");
        JsonObject written = StreamJson.write(d);
        assertEquals(d, StreamJson.read(written, "cam1"));
        assertEquals(List.of("name", "title", "disabled", "publish_enabled", "inputs", "srt", "srt_publish", "srt_play",
                "segment_duration", "segment_count", "meta"), List.copyOf(written.keySet()));
        assertEquals("{\"passphrase\":\"securePass\",\"latency\":120}", written.getJsonObject("srt_publish").toString());
    }

    @Test
    void inputOptionsBesidesTheColumnsAreCollected() {
        StreamDefinition d = read("{\"inputs\":[{\"url\":\"tshttp://h/s\",\"user_agent\":\"VLC\",\"program\":3,"
                + "\"source_timeout\":null,\"tracks\":null}]}", "cam1");
        InputDefinition input = d.inputs().get(0);
        assertNull(input.sourceTimeout());
        assertEquals("{\"user_agent\":\"VLC\",\"program\":3}", input.options().toString());
        assertEquals("{\"url\":\"tshttp://h/s\",\"user_agent\":\"VLC\",\"program\":3}",
                StreamJson.write(d).getJsonArray("inputs").getJsonObject(0).toString());
    }

    @Test
    void unknownKeysWrongTypesAndANameMismatchAreRefusedWithTheirField() {
        assertRefused("{\"colour\":\"red\"}", "unknown_key", "colour");
        assertRefused("{\"srt_play\":{\"port\":9003,\"mode\":\"x\"}}", "unknown_key", "srt_play.mode");
        assertRefused("{\"srt\":{\"port\":\"9001\"}}", "invalid_type", "srt.port");
        assertRefused("{\"srt\":{\"port\":0}}", "invalid_value", "srt.port");
        assertRefused("{\"srt\":{\"port\":4294967297}}", "invalid_value", "srt.port");
        assertRefused("{\"srt\":[]}", "invalid_type", "srt");
        assertRefused("{\"disabled\":1}", "invalid_type", "disabled");
        assertRefused("{\"segment_count\":4.5}", "invalid_type", "segment_count");
        assertRefused("{\"inputs\":[1]}", "invalid_type", "inputs[0]");
        assertRefused("{\"inputs\":[{\"url\":7}]}", "invalid_type", "inputs[0].url");
        assertRefused("{\"meta\":\"k=v\"}", "invalid_type", "meta");
        assertRefused("{\"name\":\"cam2\"}", "name_mismatch", "name");
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
