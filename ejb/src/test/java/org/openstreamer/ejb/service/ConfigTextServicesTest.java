package org.openstreamer.ejb.service;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The pure parts of the import and export services: what changed, and what a viewer's export leaves out. */
class ConfigTextServicesTest {

    private static JsonObject json(String text) {
        try (JsonReader r = Json.createReader(new StringReader(text))) {
            return r.readObject();
        }
    }

    @Test
    void changedKeysAreThoseWhoseValuesDifferIncludingRemovedOnes() {
        JsonObject before = json("{\"title\":\"a\",\"srt\":{\"port\":1},\"meta\":{},\"segment_count\":4}");
        JsonObject after = json("{\"title\":\"b\",\"meta\":{},\"segment_count\":4,\"srt_play\":{\"port\":2}}");
        assertEquals(List.of("title", "srt_play", "srt"), ConfigImportService.changedKeys(before, after));
        assertEquals(List.of(), ConfigImportService.changedKeys(before, before));
    }

    @Test
    void aViewersExportHasNoSecretsAtAnyDepth() {
        JsonObject stream = json("{\"name\":\"cam1\",\"password\":\"p\",\"srt\":{\"port\":1,\"passphrase\":\"0123456789\"},"
                + "\"pushes\":[{\"url\":\"rtmp://a/b\",\"password\":\"x\"}],\"cluster_key\":\"k\"}");
        assertEquals(json("{\"name\":\"cam1\",\"srt\":{\"port\":1},\"pushes\":[{\"url\":\"rtmp://a/b\"}]}"),
                ConfigExportService.secrets(stream, false));
        assertSame(stream, ConfigExportService.secrets(stream, true));
    }
}
