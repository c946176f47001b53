package org.openstreamer.ejb.events;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.MediaEvent;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Events waiting for the database: in order, bounded, each stored once. */
class EventBacklogTest {

    private static MediaEvent event(String type, long second) {
        return new MediaEvent(type, Instant.ofEpochSecond(second), "cam", Map.of());
    }

    @Test
    void storedEventsLeaveAndTheOthersStayInOrder() {
        EventBacklog b = new EventBacklog(10);
        MediaEvent started = event("publish_started", 1);
        MediaEvent stopped = event("publish_stopped", 2);
        b.add(started);
        b.add(stopped);
        List<MediaEvent> pending = b.pending();
        assertEquals(List.of(started, stopped), pending);
        MediaEvent later = event("publish_started", 3);
        b.add(later);
        b.stored(pending);
        assertEquals(1, b.size());
        assertSame(later, b.pending().get(0));
        b.stored(pending); // twice: nothing more leaves
        assertEquals(1, b.size());
    }

    @Test
    void anEqualEventIsStillAnEventOfItsOwn() {
        EventBacklog b = new EventBacklog(10);
        MediaEvent one = event("play_started", 1);
        MediaEvent same = event("play_started", 1);
        b.add(one);
        List<MediaEvent> pending = b.pending();
        b.add(same);
        b.stored(pending);
        assertEquals(1, b.size());
        assertSame(same, b.pending().get(0));
    }

    @Test
    void whenFullTheOldestGo() {
        EventBacklog b = new EventBacklog(3);
        for (int i = 0; i < 10; i++) {
            b.add(event("e" + i, i));
        }
        assertEquals(3, b.size());
        assertEquals(7, b.dropped());
        assertEquals(List.of("e7", "e8", "e9"), b.pending().stream().map(MediaEvent::type).toList());
    }
}
