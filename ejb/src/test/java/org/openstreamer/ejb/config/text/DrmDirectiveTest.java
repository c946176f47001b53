package org.openstreamer.ejb.config.text;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.DrmSettings;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.json.DrmSettingsJson;
import org.openstreamer.ejb.json.StreamJson;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstreamer.ejb.config.text.ConfigTextReaderTest.json;
import static org.openstreamer.ejb.config.text.ConfigTextReaderTest.onlyProblem;
import static org.openstreamer.ejb.config.text.ConfigTextReaderTest.stream;
import static org.openstreamer.ejb.config.text.ImportCheckTest.check;
import static org.openstreamer.ejb.config.text.ImportCheckTest.refused;

/** The {@code drm} line of a stream block: read, checked as PUT /drm/NAME is, written back. */
class DrmDirectiveTest {

    @Test
    void theReferencesLineBecomesTheDrmObject() {
        assertEquals(json("{\"method\":\"aes128\",\"keyserver\":\"http://192.168.0.80:4500/cas-server.php\"}"),
                stream("stream ort {\n  url udp://239.0.0.1:1234;\n  drm aes128 keyserver=http://192.168.0.80:4500/cas-server.php;\n}")
                        .get("drm"));
        assertEquals(json("{\"method\":\"aes128\",\"key_rotation\":300,\"allow_clear\":true}"),
                stream("stream ort { input publish://; drm aes128 key_rotation=5m allow_clear; }").get("drm"));
    }

    @Test
    void sampleAesIsAMethodOfTheSameLine() {
        assertEquals(json("{\"method\":\"sample_aes\",\"key_rotation\":300}"),
                stream("stream ort { input publish://; drm sample_aes key_rotation=5m; }").get("drm"));
        assertEquals(json("{\"method\":\"sample_aes\"}"),
                stream("stream ort { input publish://; drm sample-aes; }").get("drm"));
        ImportCheck.Checked c = check("stream own { input publish://; drm sample-aes; }\n");
        assertEquals(Map.of("own", new DrmSettings(null, DrmSettings.DEFAULT_KEY_ROTATION, false, DrmSettings.SAMPLE_AES)),
                c.drm());
        JsonObject stream = (JsonObject) json("{\"name\":\"own\",\"inputs\":[{\"url\":\"publish://\"}]}");
        assertTrue(new TextConfigWriter().stream(DrmSettingsJson.withDrm(stream,
                new DrmSettings(null, 600, false, DrmSettings.SAMPLE_AES))).text().contains("  drm sample_aes;\n"));
    }

    @Test
    void theCheckKeepsTheProtectionApartFromTheStream() {
        ImportCheck.Checked c = check("""
                stream ort {
                  url udp://239.0.0.1:1234;
                  drm aes128 keyserver=http://192.168.0.80:4500/cas-server.php key_rotation=60;
                }
                stream plain { input publish://; }
                stream own { input publish://; drm aes128; }
                """);
        assertEquals(Map.of("ort", new DrmSettings("http://192.168.0.80:4500/cas-server.php", 60, false),
                "own", new DrmSettings(null, DrmSettings.DEFAULT_KEY_ROTATION, false)), c.drm());
        // The stream's own JSON has no drm: it is stored where PUT /drm/NAME stores it.
        assertFalse(StreamJson.write(c.streams().get(0).definition()).containsKey("drm"));
    }

    @Test
    void refusalsArePlacedAtTheOptionThatCausedThem() {
        TextConfigException e = refused("stream ort {\n  input publish://;\n  drm aes128 keyserver=ftp://ks/ key_rotation=60;\n}");
        assertEquals(ConfigException.INVALID_VALUE, e.code());
        assertEquals("streams[ort].drm.keyserver", e.field());
        assertEquals(3, e.line());
        assertEquals(14, e.column());
        assertTrue(e.getMessage().contains("keyserver must be an http(s) URL"), e.getMessage());

        e = refused("stream ort {\n  input publish://;\n  drm aes128 key_rotation=2;\n}");
        assertEquals("streams[ort].drm.key_rotation", e.field());
        assertTrue(e.getMessage().contains("key_rotation is 4 to 86400 seconds"), e.getMessage());

        e = refused("stream ort { input publish://; drm fairplay; }");
        assertEquals("streams[ort].drm.method", e.field());
    }

    @Test
    void methodsAndOptionsThisServerDoesNotHaveAreUnsupported() {
        Problem p = onlyProblem("stream ort {\n  drm keyos userkey=596f7572-2075-7365-725f-6b6579202020;\n}");
        assertEquals(Problem.UNSUPPORTED_OPTION, p.code());
        assertEquals("Unsupported option 'keyos' of 'drm' at line 2, column 7: KeyOS is not supported; aes128 and sample_aes are.", p.message());
        assertEquals(Problem.UNSUPPORTED_OPTION, onlyProblem("stream ort { drm aes128 userkey=1; }").code());
        assertEquals("invalid_value", onlyProblem("stream ort { drm; }").code());
        assertEquals("invalid_value", onlyProblem("stream ort { drm aes128 key_rotation=1m key_rotation=2m; }").code());
        assertEquals("invalid_value", onlyProblem("stream ort { drm aes128 key_rotation=soon; }").code());
    }

    @Test
    void aProtectionIsNotAPublishLocationsOrTemplatesSetting() {
        assertEquals(Problem.UNSUPPORTED_DIRECTIVE, refused("live cams { drm aes128; }").code());
    }

    @Test
    void theExportWritesTheLineBackWithoutDefaults() {
        JsonObject stream = (JsonObject) json("{\"name\":\"ort\",\"inputs\":[{\"url\":\"udp://239.0.0.1:1234\"}]}");
        assertEquals("""
                stream ort {
                  input udp://239.0.0.1:1234;
                  drm aes128 keyserver=http://ks:4500/cas-server.php?x=1&y=2;
                }
                """, new TextConfigWriter().stream(DrmSettingsJson.withDrm(stream,
                new DrmSettings("http://ks:4500/cas-server.php?x=1&y=2", 600, false))).text());
        String text = new TextConfigWriter().stream(DrmSettingsJson.withDrm(stream, new DrmSettings(null, 45, true))).text();
        assertTrue(text.contains("  drm aes128 key_rotation=45 allow_clear;\n"), text);
        assertEquals(Map.of("ort", new DrmSettings(null, 45, true)), check(text).drm());
        // Not protected: no line, and the import then ends the protection.
        assertFalse(new TextConfigWriter().stream(DrmSettingsJson.withDrm(stream, null)).text().contains("drm"));
    }
}
