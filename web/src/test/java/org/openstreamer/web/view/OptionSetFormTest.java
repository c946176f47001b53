package org.openstreamer.web.view;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.json.PublishLocationJson;
import org.openstreamer.ejb.json.StreamTemplateJson;

import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionSetFormTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void aTemplateSurvivesTheFormUnchanged() {
        JsonObject stored = StreamTemplateJson.write(StreamTemplateJson.read(json("""
                {"prefix":"ams","title":"T","inputs":[{"url":"hls://127.0.0.1/%s/index.m3u8","priority":2}],
                 "pushes":[{"url":"srt://127.0.0.1:9200"}],"segment_duration":4,"meta":{"k":"v"}}"""), "t1"));
        OptionSetForm f = OptionSetForm.of(true, "t1", stored);
        assertEquals("hls://127.0.0.1/%s/index.m3u8", f.getInputs());
        assertEquals(stored, StreamTemplateJson.write(StreamTemplateJson.read(f.toJson(), "t1")));
    }

    @Test
    void anInputKeepsItsOptionsWhenItsUrlChanges() {
        JsonObject stored = StreamTemplateJson.write(StreamTemplateJson.read(json("""
                {"prefix":"ams","inputs":[{"url":"hls://127.0.0.1/%s/a.m3u8","priority":2}]}"""), "t1"));
        OptionSetForm f = OptionSetForm.of(true, "t1", stored);
        f.setInputs("hls://127.0.0.1/%s/b.m3u8\n\nsrt://127.0.0.1:9000?streamid=%s");
        JsonObject saved = f.toJson();
        assertEquals(2, saved.getJsonArray("inputs").size());
        assertEquals("hls://127.0.0.1/%s/b.m3u8", saved.getJsonArray("inputs").getJsonObject(0).getString("url"));
        assertEquals(2, saved.getJsonArray("inputs").getJsonObject(0).getInt("priority"), "the first line keeps its priority");
        assertEquals(json("{\"url\":\"srt://127.0.0.1:9000?streamid=%s\"}"), saved.getJsonArray("inputs").getJsonObject(1));
    }

    @Test
    void aLocationIsReadByTheApisReaderWithItsFieldNames() {
        OptionSetForm f = OptionSetForm.of(false, "chats", JsonValue.EMPTY_JSON_OBJECT);
        f.setSegmentDuration("4s");
        assertEquals("segment_duration",
                assertThrows(ConfigException.class, () -> PublishLocationJson.read(f.toJson(), "chats")).field());
        f.setSegmentDuration("4");
        f.setOther("{\"inputs\":[{\"url\":\"publish://\"}]}");
        assertEquals("inputs", assertThrows(ConfigException.class, () -> PublishLocationJson.read(f.toJson(), "chats")).field(),
                "a location's inputs reach the reader, which says why it takes none");
        f.setOther("{\"pushes\":[");
        assertEquals(OptionSetForm.OTHER, assertThrows(ConfigException.class, f::toJson).field());
    }

    @Test
    void refusalsAboutOptionsWithoutAFieldBelongToTheOtherOptionsBox() {
        OptionSetForm template = OptionSetForm.of(true, "t", JsonValue.EMPTY_JSON_OBJECT);
        assertTrue(template.shows("inputs[0].url"));
        assertTrue(template.shows("segment_duration"));
        assertTrue(template.shows("name"));
        assertFalse(template.shows("pushes[0].url"));
        assertFalse(template.shows("dvr.root"));
        OptionSetForm location = OptionSetForm.of(false, "l", JsonValue.EMPTY_JSON_OBJECT);
        assertFalse(location.shows("inputs"));
        assertTrue(location.shows("prefix"));
    }
}
