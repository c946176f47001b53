package org.openstreamer.ejb.notify;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstreamer.ejb.util.Jsonp.JSON;

/** The reference's filter examples, and the rules around them. */
class EventFilterTest {

    private static final JsonObject STARTED_CBC = JSON.createObjectBuilder()
            .add("event", "stream_started").add("media", "cbc").add("port", 9000).build();
    private static final JsonObject SERVER_EVENT = JSON.createObjectBuilder().add("event", "engine_started").build();

    private static EventFilter only(Map<String, List<String>> rule) {
        return new EventFilter(List.of(rule), List.of());
    }

    @Test
    void referenceExamples() {
        assertTrue(only(Map.of("event", List.of("stream_started"))).accepts(STARTED_CBC));
        assertTrue(only(Map.of("event", List.of("stream_started", "stream_stopped"))).accepts(STARTED_CBC));
        assertFalse(only(Map.of("event", List.of("stream_started", "stream_stopped"), "media", List.of("tnt")))
                .accepts(STARTED_CBC));
        assertFalse(only(Map.of("event", List.of("stream_started"), "media", List.of("cbc"), "group", List.of("news")))
                .accepts(STARTED_CBC), "a key the event lacks never matches");
    }

    @Test
    void noRulesSendsEverything() {
        assertTrue(new EventFilter(List.of(), List.of()).accepts(STARTED_CBC));
        assertTrue(new EventFilter(List.of(), List.of()).accepts(SERVER_EVENT));
    }

    @Test
    void anyOnlyRuleIsEnough() {
        EventFilter f = new EventFilter(List.of(Map.of("event", List.of("x")), Map.of("media", List.of("cbc"))), List.of());
        assertTrue(f.accepts(STARTED_CBC));
        assertFalse(f.accepts(SERVER_EVENT));
    }

    @Test
    void exceptWinsAndStarMeansTheKeyIsThere() {
        EventFilter noStreams = new EventFilter(List.of(), List.of(Map.of("media", List.of("*"))));
        assertFalse(noStreams.accepts(STARTED_CBC));
        assertTrue(noStreams.accepts(SERVER_EVENT));
        EventFilter both = new EventFilter(List.of(Map.of("event", List.of("stream_started"))),
                List.of(Map.of("media", List.of("cbc"))));
        assertFalse(both.accepts(STARTED_CBC));
    }

    @Test
    void numbersCompareAsText() {
        assertTrue(only(Map.of("port", List.of("9000"))).accepts(STARTED_CBC));
        assertFalse(only(Map.of("port", List.of("9001"))).accepts(STARTED_CBC));
    }
}
