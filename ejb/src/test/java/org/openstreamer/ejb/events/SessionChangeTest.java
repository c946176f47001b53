package org.openstreamer.ejb.events;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.MediaEventType;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SessionChangeTest {

    static final Instant AT = Instant.parse("2026-11-21T10:00:00Z");

    static SessionChange change(MediaEventType type, String stream, Map<String, Object> data) {
        return SessionChange.of(new MediaEvent(type.wireName(), AT, stream, data));
    }

    @Test
    void playAndPublishStartsOpenSessions() {
        assertEquals(new SessionChange.Open("play", "live/cam1", "srt", "127.0.0.1:5000", 9002, AT),
                change(MediaEventType.PLAY_STARTED, "live/cam1", Map.of("protocol", "srt", "peer", "127.0.0.1:5000", "port", 9002)));
        assertEquals(new SessionChange.Open("publish", "cam1", "srt", "10.0.0.1:4000", 9001, AT),
                change(MediaEventType.PUBLISH_STARTED, "cam1", Map.of("protocol", "srt", "peer", "10.0.0.1:4000", "port", 9001)));
        assertEquals(new SessionChange.Open("play", "cam1", "srt", "10.0.0.1:4000", null, AT),
                change(MediaEventType.PLAY_STARTED, "cam1", Map.of("peer", "10.0.0.1:4000", "port", "x")),
                "protocol defaults to srt, a port that is not a number is left out");
    }

    @Test
    void stopsCloseWithTheirReasonAndBytes() {
        assertEquals(new SessionChange.Close("publish", "cam1", "10.0.0.1:4000", AT, "connection closed", null, 123L),
                change(MediaEventType.PUBLISH_STOPPED, "cam1",
                        Map.of("peer", "10.0.0.1:4000", "port", 9001, "reason", "connection closed", "bytes", 123L)));
        assertEquals(new SessionChange.Close("play", "cam1", "127.0.0.1:5000", AT, "x".repeat(255), null, null),
                change(MediaEventType.PLAY_STOPPED, "cam1", Map.of("peer", "127.0.0.1:5000", "reason", "x".repeat(300))));
    }

    @Test
    void aLongPeerIsCutToTheColumnTheSameWayAtStartAndStop() {
        String url = "tshttp://origin.example.com:8080/" + "x".repeat(400);
        SessionChange.Open open = (SessionChange.Open) change(MediaEventType.PUBLISH_STARTED, "cam1",
                Map.of("protocol", "tshttp", "peer", url, "port", 0));
        SessionChange.Close close = (SessionChange.Close) change(MediaEventType.PUBLISH_STOPPED, "cam1",
                Map.of("peer", url, "port", 0, "reason", "no frames for 60 s"));
        assertEquals(url.substring(0, 300), open.peer());
        assertEquals(open.peer(), close.peer());
    }

    @Test
    void anEngineStartClosesWhatItsNodeLeftOpen() {
        assertEquals(new SessionChange.CloseAll(AT), change(MediaEventType.ENGINE_STARTED, null, Map.of("version", "1")));
    }

    @Test
    void otherEventsAndIncompleteOnesChangeNothing() {
        assertNull(change(MediaEventType.CONNECTION_REJECTED, "cam1", Map.of("peer", "1.2.3.4:5")));
        assertNull(change(MediaEventType.PLAY_STARTED, null, Map.of("peer", "1.2.3.4:5")));
        assertNull(change(MediaEventType.PLAY_STARTED, "cam1", Map.of()));
    }
}
