package org.openstreamer.web.rest;

import org.junit.jupiter.api.Test;
import org.openstreamer.ejb.error.ConfigException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamCursorTest {

    @Test
    void aCursorCarriesTheLastNameUrlSafely() {
        for (String name : List.of("cam1", "live/studio/cam_2", "a".repeat(255))) {
            String cursor = StreamCursor.encode(name);
            assertTrue(cursor.matches("[A-Za-z0-9_-]+"), cursor);
            assertEquals(name, StreamCursor.decode(cursor));
        }
        assertNull(StreamCursor.decode(null));
        assertNull(StreamCursor.decode(""));
    }

    @Test
    void foreignCursorsAreRefused() {
        for (String cursor : List.of("%%", "not base64!", StreamCursor.encode("a b"), StreamCursor.encode("a//b"))) {
            ConfigException e = assertThrows(ConfigException.class, () -> StreamCursor.decode(cursor), cursor);
            assertEquals("cursor", e.field());
        }
    }
}
