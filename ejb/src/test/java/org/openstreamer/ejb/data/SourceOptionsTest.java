package org.openstreamer.ejb.data;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SourceOptionsTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void theOptionsThePullersUseAreSentFlat() {
        assertEquals(Map.of("user_agent", "VLC 3", "header.Referer", "https://a.example", "header.X-Token", "t",
                        "skip_stalled_check", "true", "tracks", "1,3", "program", "3", "pids", "45,46"),
                SourceOptions.of(json("{\"user_agent\":\"VLC 3\",\"headers\":{\"Referer\":\"https://a.example\",\"X-Token\":\"t\"},"
                        + "\"skip_stalled_check\":true,\"program\":3,\"pids\":[45,46],\"tracks\":[1,3]}")));
        assertEquals(Map.of(), SourceOptions.of(null));
        assertEquals(Map.of("skip_stalled_check", "false"), SourceOptions.of(json("{\"skip_stalled_check\":false}")));
        assertEquals(Map.of("tls_verify", "false"), SourceOptions.of(json("{\"tls_verify\":false}")), "rtmps:// without verification");
    }
}
