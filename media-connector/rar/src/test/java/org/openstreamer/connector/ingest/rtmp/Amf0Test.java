package org.openstreamer.connector.ingest.rtmp;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Amf0Test {

    @Test
    void writtenValuesReadBack() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("level", "status");
        info.put("code", "NetStream.Publish.Start");
        info.put("nested", Map.of("n", 2.5));
        info.put("flag", true);
        Amf0Writer w = new Amf0Writer().string("onStatus").number(0).nul().object(info).bool(false);
        List<Object> values = Amf0.readAll(w.array(), 0, w.length());
        assertEquals(Arrays.asList("onStatus", 0.0, null, info, false), values);
    }

    @Test
    void ecmaArraysStrictArraysDatesAndLongStringsAreRead() {
        byte[] bytes = {
                Amf0.ECMA_ARRAY, 0, 0, 0, 1, 0, 1, 'w', Amf0.NUMBER, 0x40, 0x74, 0, 0, 0, 0, 0, 0, 0, 0, Amf0.OBJECT_END,
                Amf0.STRICT_ARRAY, 0, 0, 0, 2, Amf0.BOOLEAN, 1, Amf0.UNDEFINED,
                Amf0.DATE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                Amf0.LONG_STRING, 0, 0, 0, 2, 'o', 'k'};
        List<Object> values = Amf0.readAll(bytes, 0, bytes.length);
        assertEquals(Map.of("w", 320.0), values.get(0));
        assertEquals(Arrays.asList(true, null), values.get(1));
        assertEquals(0.0, values.get(2));
        assertEquals("ok", values.get(3));
    }

    @Test
    void truncatedValuesAreRefused() {
        byte[] bytes = {Amf0.STRING, 0, 10, 'a', 'b'};
        Amf0Exception e = assertThrows(Amf0Exception.class, () -> Amf0.readAll(bytes, 0, bytes.length));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        byte[] number = {Amf0.NUMBER, 1, 2, 3};
        assertThrows(Amf0Exception.class, () -> Amf0.readAll(number, 0, number.length));
        byte[] object = {Amf0.OBJECT, 0, 1, 'k', Amf0.NULL}; // no end marker
        assertThrows(Amf0Exception.class, () -> Amf0.readAll(object, 0, object.length));
    }

    @Test
    void unknownMarkersAndReferencesAreRefused() {
        byte[] unknown = {0x42};
        assertTrue(assertThrows(Amf0Exception.class, () -> Amf0.readAll(unknown, 0, 1)).getMessage().contains("0x42"));
        byte[] reference = {Amf0.REFERENCE, 0, 0};
        assertThrows(Amf0Exception.class, () -> Amf0.readAll(reference, 0, reference.length));
    }

    @Test
    void aHugeDeclaredCountIsRefusedBeforeAnyAllocation() {
        byte[] bytes = {Amf0.STRICT_ARRAY, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, Amf0.NULL};
        assertTrue(assertThrows(Amf0Exception.class, () -> Amf0.readAll(bytes, 0, bytes.length)).getMessage()
                .contains("runs past the end"));
        byte[] longString = {Amf0.LONG_STRING, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertThrows(Amf0Exception.class, () -> Amf0.readAll(longString, 0, longString.length));
    }

    @Test
    void deepNestingIsRefused() {
        byte[] bytes = new byte[(Amf0.MAX_DEPTH + 2) * 4];
        int p = 0;
        bytes[p++] = Amf0.OBJECT;
        for (int i = 0; i <= Amf0.MAX_DEPTH; i++) {
            bytes[p++] = 0;
            bytes[p++] = 1;
            bytes[p++] = 'k';
            bytes[p++] = Amf0.OBJECT;
        }
        int length = p;
        assertTrue(assertThrows(Amf0Exception.class, () -> Amf0.readAll(bytes, 0, length)).getMessage().contains("nested"));
    }
}
