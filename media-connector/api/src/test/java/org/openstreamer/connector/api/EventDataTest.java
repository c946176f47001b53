package org.openstreamer.connector.api;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventDataTest {

    @Test
    void numbersBooleansListsAndObjectsStayWhatTheyAre() {
        MediaEvent e = MediaEvent.of(MediaEventType.PUBLISH_STOPPED, "cam1", Map.of("port", 9001, "bytes", 376L,
                "alive", false, "rate", 1.5, "stats", Map.of("pktRecvTotal", 3L), "list", List.of("a", 2)));
        assertEquals(9001, e.data().get("port"));
        assertEquals(376L, e.data().get("bytes"));
        assertEquals(false, e.data().get("alive"));
        assertEquals(Map.of("pktRecvTotal", 3L), e.data().get("stats"));
        assertEquals(List.of("a", 2), e.data().get("list"));
    }

    @Test
    void aValueWithNoJsonFormIsRefusedWhereItIsPutIn() {
        record Stats(long packets) {
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MediaEvent.of(MediaEventType.PUBLISH_STOPPED, "cam1", Map.of("srt_stats", new Stats(1))));
        assertTrue(e.getMessage().contains("srt_stats"), e.getMessage());
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("peer", null);
        assertThrows(IllegalArgumentException.class, () -> MediaEvent.of(MediaEventType.PLAY_STARTED, "cam1", withNull));
        assertThrows(IllegalArgumentException.class, () -> MediaEvent.of(MediaEventType.PLAY_STARTED, "cam1",
                Map.of("nested", Map.of("at", Instant.EPOCH))));
    }

    @Test
    void theCopyIsImmutableAndSerializable() throws Exception {
        Map<String, Object> data = new HashMap<>(Map.of("stats", new HashMap<>(Map.of("msRTT", 0.5))));
        MediaEvent e = MediaEvent.of(MediaEventType.PUBLISH_STOPPED, "cam1", data);
        data.clear();
        assertEquals(Map.of("msRTT", 0.5), e.data().get("stats"));
        assertThrows(UnsupportedOperationException.class, () -> e.data().put("x", "y"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(e);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(e, in.readObject());
        }
    }
}
