package org.openstreamer.connector.ingest.rtmp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RtmpStreamNameTest {

    @Test
    void theStaticAppIsOnlyAMarker() {
        assertEquals(new RtmpStreamName("published", null), RtmpStreamName.parse("static", "published"));
        assertEquals("live/cam1", RtmpStreamName.parse("static/live", "cam1").stream(), "FFmpeg's split of static/live/cam1");
        assertEquals("live/cam1", RtmpStreamName.parse("static", "live/cam1").stream());
        assertEquals("statics/cam1", RtmpStreamName.parse("statics", "cam1").stream());
    }

    @Test
    void otherAppsArePartOfTheName() {
        assertEquals("client15/published1", RtmpStreamName.parse("client15", "published1").stream());
        assertEquals("chats/my/chat-15", RtmpStreamName.parse("chats/my", "chat-15").stream());
        assertEquals("chats/my/chat-15", RtmpStreamName.parse("chats", "my/chat-15").stream());
        assertEquals("chats/my/chat-15", RtmpStreamName.parse("/chats/", "/my/chat-15").stream());
    }

    @Test
    void anEmptyNameLeavesTheApp() {
        assertEquals("published", RtmpStreamName.parse("published", "").stream());
        assertEquals("published", RtmpStreamName.parse("published", null).stream());
    }

    @Test
    void thePasswordComesFromTheNameOrTheApp() {
        assertEquals(new RtmpStreamName("live/mystream", "mypass"), RtmpStreamName.parse("live", "mystream?password=mypass"));
        assertEquals(new RtmpStreamName("live/mystream", "a b&c"),
                RtmpStreamName.parse("live?password=a+b%26c", "mystream"));
        assertEquals("from-name", RtmpStreamName.parse("live?password=from-app", "s?x=1&password=from-name").password());
        assertNull(RtmpStreamName.parse("live", "s?passwordx=1").password());
        assertEquals("100%", RtmpStreamName.parse("live", "s?password=100%").password());
    }

    @Test
    void invalidNamesAreRefusedWithAReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RtmpStreamName.parse("static", ""))
                .getMessage().contains("no stream name"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RtmpStreamName.parse("live", "a b"))
                .getMessage().contains("invalid stream name"));
        assertThrows(IllegalArgumentException.class, () -> RtmpStreamName.parse("live", "a//b"));
        assertThrows(IllegalArgumentException.class, () -> RtmpStreamName.parse("", ""));
        String longName = "x".repeat(300);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RtmpStreamName.parse("live", longName))
                .getMessage().contains("..."));
    }

    @Test
    void everyQueryArgumentIsKeptForOnPublish() {
        RtmpStreamName n = RtmpStreamName.parse("live?token=app&x=1", "cam?token=name&password=p%20w&flag");
        assertEquals(java.util.Map.of("token", "name", "x", "1", "password", "p w", "flag", ""), n.args());
        assertEquals("p w", n.password());
    }
}
