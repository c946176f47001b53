package org.openstreamer.web.rest;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.DrmSettings;
import org.openstreamer.ejb.error.ConfigException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DrmResourceTest {

    @Test
    void settingsWithTheirDefaults() {
        assertEquals(new DrmSettings(null, 600, false), DrmResource.parse("{\"method\":\"aes128\"}"));
        assertEquals(new DrmSettings("http://127.0.0.1:4500/", 8, true), DrmResource.parse(
                "{\"method\":\"aes128\",\"keyserver\":\"http://127.0.0.1:4500/\",\"key_rotation\":8,\"allow_clear\":true}"));
        DrmSettings sample = new DrmSettings(null, 600, false, DrmSettings.SAMPLE_AES);
        assertEquals(sample, DrmResource.parse("{\"method\":\"sample_aes\"}"));
        assertEquals(sample, DrmResource.parse("{\"method\":\"sample-aes\"}"), "the HLS name's spelling");
        assertEquals("sample_aes", DrmResource.json("s", sample).getString("method"));
    }

    @Test
    void badSettingsAreRefusedByField() {
        assertEquals("method", field("{}"));
        assertEquals("method", field("{\"method\":\"conax\"}"));
        assertEquals("method", field("{\"method\":\"SAMPLE-AES\"}"));
        assertEquals("key_rotation", field("{\"method\":\"aes128\",\"key_rotation\":2}"));
        assertEquals("key_rotation", field("{\"method\":\"aes128\",\"key_rotation\":\"600\"}"));
        assertEquals("keyserver", field("{\"method\":\"aes128\",\"keyserver\":\"ftp://x/\"}"));
        assertEquals("allow_clear", field("{\"method\":\"aes128\",\"allow_clear\":1}"));
        assertEquals("rotation", field("{\"method\":\"aes128\",\"rotation\":1}"));
        assertThrows(ConfigException.class, () -> DrmResource.parse("[1"));
    }

    private static String field(String body) {
        return assertThrows(ConfigException.class, () -> DrmResource.parse(body)).field();
    }
}
