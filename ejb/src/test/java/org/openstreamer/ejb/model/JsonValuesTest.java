package org.openstreamer.ejb.model;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonValuesTest {

    @Test
    void numbersStayNumbersAndObjectsNest() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("pktRecvTotal", 1200L);
        stats.put("msRTT", 0.25);
        stats.put("mbpsRecvRate", Double.NaN);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("peer", "127.0.0.1:5000");
        data.put("port", 9001);
        data.put("alive", true);
        data.put("server", List.of("srt", "http"));
        data.put("srt_stats", stats);
        JsonObject o = JsonValues.object(data);
        assertEquals("{\"peer\":\"127.0.0.1:5000\",\"port\":9001,\"alive\":true,\"server\":[\"srt\",\"http\"],"
                + "\"srt_stats\":{\"pktRecvTotal\":1200,\"msRTT\":0.25,\"mbpsRecvRate\":null}}", o.toString());
        assertEquals(JsonValue.ValueType.NUMBER, o.get("port").getValueType());
        assertEquals(1200L, o.getJsonObject("srt_stats").getJsonNumber("pktRecvTotal").longValueExact());
    }

    @Test
    void storedTextReadsBackTheSame() {
        JsonObject o = JsonValues.object(Map.of("bytes", 376L));
        assertEquals(o, JsonText.object(o.toString()));
        assertEquals("9001", JsonText.object("{\"port\":\"9001\"}").getString("port"), "an older row, all strings, reads as stored");
    }
}
