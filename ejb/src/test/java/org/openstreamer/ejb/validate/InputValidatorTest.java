package org.openstreamer.ejb.validate;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.model.InputDefinition;

import java.io.StringReader;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputValidatorTest {

    private static InputDefinition input(String url) {
        return new InputDefinition(url, null, null, null);
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static void check(InputDefinition... inputs) {
        InputValidator.validate(List.of(inputs));
    }

    @Test
    void everyKnownSchemeIsAccepted() {
        for (String scheme : InputValidator.SCHEMES) {
            String url = switch (scheme) {
                case "publish" -> "publish://";
                case "timeshift" -> "timeshift://channel/3600";
                case "srt" -> "srt://host:1234?streamid=x";
                case "rtmp" -> "rtmp://host:1234/app/name?x=1";
                case "file" -> "file://vod/a.ts";
                default -> scheme + "://host:1234/path?x=1";
            };
            assertDoesNotThrow(() -> check(input(url)), url);
        }
        assertDoesNotThrow(() -> check(input("SRT://host:9000")), "schemes are case-insensitive");
    }

    @Test
    void plainHttpIsRefusedWithTheSchemesToUseInstead() {
        ConfigException e = Refusals.assertInvalid(ConfigException.INVALID_VALUE, "inputs[1].url",
                () -> check(input("publish://"), input("http://camera/stream.ts")));
        assertTrue(e.getMessage().contains("tshttp://") && e.getMessage().contains("hls://"), e.getMessage());
    }

    @Test
    void malformedOrUnknownUrlsAreRefused() {
        for (String url : List.of("ftp://host/file", "rtsp2://cam/h264", "publish://x", "srt://", "udp:// 239.0.0.1:1",
                "timeshift://ort", "timeshift://ort/0", "timeshift://ort/-5", "timeshift://../3600",
                "239.0.0.1:1234", "://host", "x".repeat(2049))) {
            Refusals.assertInvalid(ConfigException.INVALID_VALUE, "inputs[0].url", () -> check(input(url)));
        }
        Refusals.assertInvalid(ConfigException.MISSING_VALUE, "inputs[0].url", () -> check(input(null)));
        Refusals.assertInvalid(ConfigException.MISSING_VALUE, "inputs[0].url", () -> check(input("")));
    }

    @Test
    void pulledUrlsHaveTheirShapeAndOptions() {
        for (String url : List.of("srt://10.0.0.1:9000?passphrase=0123456789&streamid=%23!::r=cam,m=request&latency=200",
                "hls://origin/live/index.m3u8", "hlss://origin:8443/%s/index.m3u8", "tshttps://origin/cam/mpegts",
                "hls2://origin/abr/index.m3u8", "hlss2://origin:8443/abr/index.m3u8", "rtmp://origin/live/cam1", "rtmp://origin:1936/app/inner/name?token=1", "file://vod/loop.ts")) {
            assertDoesNotThrow(() -> check(input(url)), url);
        }
        Object[][] refused = {
                {"srt://10.0.0.1", "port"},
                {"srt://10.0.0.1:9000/path", "without a path"},
                {"srt://10.0.0.1:9000?passphrase=short", "10 to 79"},
                {"srt://10.0.0.1:9000?latency=fast", "0 to 60000"},
                {"srt://10.0.0.1:9000?latency=70000", "0 to 60000"},
                {"srt://10.0.0.1:9000?streamid=" + "x".repeat(513), "512"},
                {"srt://10.0.0.1:9000?mode=listener", "Unknown SRT option 'mode'"},
                {"hls://origin", "playlist"},
                {"hls2://origin/", "playlist"},
                {"hlss2://", "address"},
                {"rtmp://origin/live", "APP/NAME"},
                {"file:///etc/passwd", "no leading /"},
                {"file://vod/../../etc/passwd", ".."},
        };
        for (Object[] c : refused) {
            ConfigException e = Refusals.assertInvalid(ConfigException.INVALID_VALUE, "inputs[0].url", () -> check(input((String) c[0])));
            assertTrue(e.getMessage().contains((String) c[1]), c[0] + ": " + e.getMessage());
        }
    }

    @Test
    void priorityAndSourceTimeoutHaveRanges() {
        assertDoesNotThrow(() -> check(new InputDefinition("publish://", 0, 1, null),
                new InputDefinition("fake://fake", 100, 3600, null)));
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "inputs[0].priority",
                () -> check(new InputDefinition("publish://", 101, null, null)));
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "inputs[0].priority",
                () -> check(new InputDefinition("publish://", -1, null, null)));
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "inputs[0].source_timeout",
                () -> check(new InputDefinition("publish://", null, 0, null)));
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "inputs[0].source_timeout",
                () -> check(new InputDefinition("publish://", null, 3601, null)));
    }

    @Test
    void optionsMustBeKnownAndOfTheirType() {
        assertDoesNotThrow(() -> check(new InputDefinition("tshttp://h/s", null, null, json("{\"user_agent\":\"VLC\","
                + "\"headers\":{\"Referer\":\"https://x\"},\"tracks\":[1,2],\"program\":2001,\"pids\":[0,8191],"
                + "\"allow_subtitles\":false,\"bypass_nit\":true,\"dvbsubs_ocr\":false,\"skip_stalled_check\":true}"))));
        Object[][] cases = {
                {"{\"bogus\":1}", ConfigException.UNKNOWN_KEY, "inputs[0].bogus"},
                {"{\"user_agent\":5}", ConfigException.INVALID_TYPE, "inputs[0].user_agent"},
                {"{\"user_agent\":\"a\\nb\"}", ConfigException.INVALID_VALUE, "inputs[0].user_agent"},
                {"{\"headers\":\"Referer: x\"}", ConfigException.INVALID_TYPE, "inputs[0].headers"},
                {"{\"headers\":{\"X-N\":1}}", ConfigException.INVALID_TYPE, "inputs[0].headers.X-N"},
                {"{\"headers\":{\"X N\":\"v\"}}", ConfigException.INVALID_VALUE, "inputs[0].headers.X N"},
                {"{\"headers\":{\"Host\":\"v\"}}", ConfigException.INVALID_VALUE, "inputs[0].headers.Host"},
                {"{\"tracks\":[]}", ConfigException.INVALID_TYPE, "inputs[0].tracks"},
                {"{\"tracks\":[0]}", ConfigException.INVALID_VALUE, "inputs[0].tracks[0]"},
                {"{\"tracks\":[1.5]}", ConfigException.INVALID_TYPE, "inputs[0].tracks[0]"},
                {"{\"program\":65536}", ConfigException.INVALID_VALUE, "inputs[0].program"},
                {"{\"pids\":[1,8192]}", ConfigException.INVALID_VALUE, "inputs[0].pids[1]"},
                {"{\"allow_subtitles\":\"no\"}", ConfigException.INVALID_TYPE, "inputs[0].allow_subtitles"},
        };
        for (Object[] c : cases) {
            Refusals.assertInvalid((String) c[1], (String) c[2],
                    () -> check(new InputDefinition("tshttp://h/s", null, null, json((String) c[0]))));
        }
    }

    @Test
    void aStreamHasAtMost32Inputs() {
        assertDoesNotThrow(() -> InputValidator.validate(Collections.nCopies(32, input("publish://"))));
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "inputs",
                () -> InputValidator.validate(Collections.nCopies(33, input("publish://"))));
    }
}
