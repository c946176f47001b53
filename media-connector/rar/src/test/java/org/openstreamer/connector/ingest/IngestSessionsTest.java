package org.openstreamer.connector.ingest;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.buffer.LiveStream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngestSessionsTest {

    private final List<MediaEvent> events = new ArrayList<>();
    private final LiveStream cam1 = new LiveStream("cam1");
    private final IngestSessions sessions = new IngestSessions(n -> n.equals("cam1") ? cam1 : null, events::add);

    /** A source that records what the engine asked of it. */
    private static final class FakeSource implements Source {
        String disconnected;

        @Override
        public String protocol() {
            return "srt";
        }

        @Override
        public String peer() {
            return "127.0.0.1:5000";
        }

        @Override
        public int port() {
            return 9001;
        }

        @Override
        public void disconnect(String reason) {
            disconnected = reason;
        }

        @Override
        public Map<String, ?> stopStats() {
            return Map.of("srt_stats", Map.of("pktRecvTotal", 1L));
        }
    }

    @Test
    void oneSessionPerStreamWithStartAndStopEvents() {
        IngestSession s = sessions.open("cam1", new FakeSource());
        assertNotNull(s);
        assertTrue(cam1.isPublishing());
        assertTrue(sessions.hasPublisher("cam1"));
        assertNull(sessions.open("cam1", new FakeSource()), "a second publisher is refused");
        assertNull(sessions.open("gone", new FakeSource()), "no stream, no session");
        assertEquals("publish_started", events.get(0).type());
        assertEquals(Map.of("protocol", "srt", "peer", "127.0.0.1:5000", "port", 9001), events.get(0).data());

        s.feed(new byte[188 * 2], 0, 188 * 2);
        s.close("connection closed");
        s.close("twice");
        assertFalse(cam1.isPublishing());
        assertFalse(sessions.hasPublisher("cam1"));
        assertEquals(2, events.size());
        MediaEvent stopped = events.get(1);
        assertEquals("publish_stopped", stopped.type());
        assertEquals(Map.of("peer", "127.0.0.1:5000", "port", 9001, "reason", "connection closed",
                "bytes", 376L, "errors", 0L, "srt_stats", Map.of("pktRecvTotal", 1L)), stopped.data());
        assertNotNull(sessions.open("cam1", new FakeSource()), "free again");
    }

    @Test
    void disconnectAsksTheSource() {
        FakeSource source = new FakeSource();
        sessions.open("cam1", source);
        sessions.disconnect("cam1", "stream restarted");
        sessions.disconnect("other", "nobody there");
        assertEquals("stream restarted", source.disconnected);
    }
}
