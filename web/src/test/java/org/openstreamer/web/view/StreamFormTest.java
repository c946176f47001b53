package org.openstreamer.web.view;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.json.StreamJson;
import org.openstreamer.ejb.model.StreamDefinition;

import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StreamFormTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void aStreamSurvivesTheFormUnchanged() {
        StreamDefinition stored = StreamJson.read(json("""
                {"title":"T","inputs":[{"url":"srt://127.0.0.1:9000","priority":2,"source_timeout":7}],
                 "srt_publish":{"port":9100,"passphrase":"0123456789abc"},
                 "dvr":{"root":"/var/dvr","depth":3600},
                 "pushes":[{"url":"srt://127.0.0.1:9200","retry_timeout":9}],
                 "on_publish":"http://127.0.0.1:9/p","segment_duration":6,"meta":{"k":"v"}}"""), "s1");
        StreamForm form = StreamForm.of("s1", StreamJson.write(stored));
        assertEquals("2", form.getInputs().get(0).getPriority());
        assertEquals("9100", form.getSrtPublishPort());
        assertEquals(stored, StreamJson.read(form.toJson(), "s1"), "kept options the form does not show too");
    }

    @Test
    void editedFieldsReplaceTheStoredOnes() {
        StreamForm form = StreamForm.of("s1", JsonValue.EMPTY_JSON_OBJECT);
        form.setSegmentDuration(" 8 ");
        form.addInput();
        form.getInputs().get(0).setUrl("udp://127.0.0.1:5000");
        form.setDvrRoot("/d");
        StreamDefinition d = StreamJson.read(form.toJson(), "s1");
        assertEquals(8, d.options().segmentDuration());
        assertEquals("udp://127.0.0.1:5000", d.options().inputs().get(0).url());
        assertEquals("/d", d.options().dvr().root());
        form.setDvrRoot("");
        assertNull(StreamJson.read(form.toJson(), "s1").options().dvr(), "an empty folder: no DVR");
    }

    /** A number field with text in it reaches the API's reader as a string: its error names the field. */
    @Test
    void textInANumberFieldIsTheApisTypeError() {
        StreamForm form = StreamForm.of("s1", JsonValue.EMPTY_JSON_OBJECT);
        form.setSegmentDuration("six");
        ConfigException e = assertThrows(ConfigException.class, () -> StreamJson.read(form.toJson(), "s1"));
        assertEquals("segment_duration", e.field());
    }
}
