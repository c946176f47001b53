package org.openstreamer.connector.ingest.rtmp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.MediaEvent;

import java.io.OutputStream;
import java.net.Socket;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server end to end with an in-process client: admission (unknown stream, publishing off,
 * password, a second publisher), and peers that send garbage or break limits, which lose their
 * own connection and nothing else.
 */
class RtmpServerTest {

    private final RtmpTestHost host = new RtmpTestHost()
            .stream("cam1", true, null)
            .stream("secret", true, "s3cret")
            .stream("closed", false, null);
    private final RtmpServer server = new RtmpServer(host);
    private int port;

    @BeforeEach
    void listen() throws Exception {
        port = RtmpTestHost.freePort();
        server.listen(port);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void theStaticAppIsLeftOutOfTheName() throws Exception {
        try (RtmpTestClient c = new RtmpTestClient(port)) {
            assertEquals("NetStream.Publish.Start", c.publish("static", "cam1"));
            assertTrue(host.hasPublisher("cam1"));
        }
        RtmpFfmpegPublishTest.waitUntil(() -> host.eventTypes().contains("publish_stopped"));
        assertEquals(List.of("publish_started", "publish_stopped"), host.eventTypes());
        assertTrue(!host.hasPublisher("cam1"));
    }

    @Test
    void theAppAndNameMakeTheStreamName() throws Exception {
        host.stream("chats/my/chat-15", true, null);
        try (RtmpTestClient c = new RtmpTestClient(port)) {
            assertEquals("NetStream.Publish.Start", c.publish("chats", "my/chat-15"));
            assertTrue(host.hasPublisher("chats/my/chat-15"));
        }
    }

    @Test
    void unknownAndClosedStreamsAreRefused() throws Exception {
        try (RtmpTestClient c = new RtmpTestClient(port)) {
            assertEquals("NetStream.Publish.BadName", c.publish("static", "nobody"));
            assertTrue(c.closedByServer());
        }
        try (RtmpTestClient c = new RtmpTestClient(port)) {
            assertEquals("NetStream.Publish.Denied", c.publish("static", "closed"));
            assertTrue(c.closedByServer());
        }
        assertEquals(List.of("connection_rejected", "connection_rejected"), host.eventTypes());
        assertEquals(404, host.events.get(0).data().get("code"));
        assertEquals(403, host.events.get(1).data().get("code"));
    }

    @Test
    void thePasswordIsChecked() throws Exception {
        try (RtmpTestClient c = new RtmpTestClient(port)) {
            assertEquals("NetStream.Publish.Denied", c.publish("static", "secret"));
        }
        try (RtmpTestClient c = new RtmpTestClient(port)) {
            assertEquals("NetStream.Publish.Denied", c.publish("static", "secret?password=wrong"));
        }
        try (RtmpTestClient c = new RtmpTestClient(port)) {
            assertEquals("NetStream.Publish.Start", c.publish("static", "secret?password=s3cret"));
        }
        MediaEvent wrong = host.events.get(1);
        assertEquals("wrong password for stream secret", wrong.data().get("reason"));
    }

    @Test
    void aSecondPublisherIsRefusedAndTheFirstGoesOn() throws Exception {
        try (RtmpTestClient first = new RtmpTestClient(port)) {
            assertEquals("NetStream.Publish.Start", first.publish("static", "cam1"));
            try (RtmpTestClient second = new RtmpTestClient(port)) {
                assertEquals("NetStream.Publish.BadName", second.publish("static", "cam1"));
                assertTrue(second.closedByServer());
            }
            assertTrue(host.hasPublisher("cam1"));
            first.command(1, "FCUnpublish", null, "cam1");
            RtmpFfmpegPublishTest.waitUntil(() -> !host.hasPublisher("cam1"));
        }
    }

    @Test
    void garbageInsteadOfAHandshakeClosesOnlyThatConnection() throws Exception {
        try (RtmpTestClient good = new RtmpTestClient(port)) {
            assertEquals("NetStream.Publish.Start", good.publish("static", "cam1"));
            try (Socket bad = new Socket("127.0.0.1", port)) {
                bad.setSoTimeout(5000);
                OutputStream out = bad.getOutputStream();
                out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
                out.flush();
                assertEquals(-1, bad.getInputStream().read());
            }
            assertTrue(host.hasPublisher("cam1"), "the other connection goes on");
        }
        RtmpFfmpegPublishTest.waitUntil(() -> host.eventTypes().contains("connection_rejected"));
        MediaEvent rejected = host.events.stream().filter(e -> e.type().equals("connection_rejected")).findFirst().orElseThrow();
        assertTrue(((String) rejected.data().get("reason")).contains("not an RTMP handshake"), rejected.data().toString());
    }

    @Test
    void aHugeChunkSizeEndsThePublisherWithAProtocolError() throws Exception {
        try (RtmpTestClient c = new RtmpTestClient(port)) {
            assertEquals("NetStream.Publish.Start", c.publish("static", "cam1"));
            c.writer.control(RtmpMessage.SET_CHUNK_SIZE, 0x7FFFFFFF);
            c.writer.flush();
            assertTrue(c.closedByServer());
        }
        RtmpFfmpegPublishTest.waitUntil(() -> host.eventTypes().contains("publish_stopped"));
        MediaEvent stopped = host.events.stream().filter(e -> e.type().equals("publish_stopped")).findFirst().orElseThrow();
        assertTrue(((String) stopped.data().get("reason")).startsWith("protocol error: chunk size"), stopped.data().toString());
    }

    @Test
    void malformedAmfClosesTheConnection() throws Exception {
        try (RtmpTestClient c = new RtmpTestClient(port)) {
            c.handshake();
            byte[] bad = {Amf0.STRING, 0, 7, 'c', 'o', 'n', 'n', 'e', 'c', 't', Amf0.NUMBER, 0, 0};
            c.writer.write(3, RtmpMessage.COMMAND_AMF0, 0, 0, bad, 0, bad.length);
            c.writer.flush();
            assertTrue(c.closedByServer());
        }
        RtmpFfmpegPublishTest.waitUntil(() -> host.eventTypes().contains("connection_rejected"));
        assertTrue(((String) host.events.get(0).data().get("reason")).contains("malformed AMF0"));
    }

    @Test
    void playingAStreamThatIsNotLiveIsRefused() throws Exception {
        try (RtmpTestClient c = new RtmpTestClient(port)) {
            c.handshake();
            c.command(0, "connect", java.util.Map.of("app", "static"));
            c.nextCommand();
            c.command(0, "createStream", (Object) null);
            c.nextCommand();
            c.command(1, "play", null, "cam1");
            java.util.Map<?, ?> info = (java.util.Map<?, ?>) c.nextCommand().get(3);
            assertEquals("NetStream.Play.StreamNotFound", info.get("code"));
            assertEquals("stream cam1 is not live", info.get("description"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void aPublisherGoesWhenItsStreamIsRemovedOrClosedForPublishing() throws Exception {
        host.stream("other", true, null);
        try (RtmpTestClient gone = new RtmpTestClient(port); RtmpTestClient kept = new RtmpTestClient(port)) {
            assertEquals("NetStream.Publish.Start", gone.publish("static", "cam1"));
            assertEquals("NetStream.Publish.Start", kept.publish("static", "other"));
            server.closeGone();
            assertTrue(host.hasPublisher("cam1"), "nothing changed yet");
            host.stream("cam1", false, null);
            server.closeGone();
            assertTrue(gone.closedByServer());
            RtmpFfmpegPublishTest.waitUntil(() -> host.eventTypes().contains("publish_stopped"));
            assertTrue(!host.hasPublisher("cam1"));
            assertTrue(host.hasPublisher("other"));
        }
        MediaEvent stopped = host.events.stream().filter(e -> e.type().equals("publish_stopped")).findFirst().orElseThrow();
        assertEquals("cam1", stopped.stream());
        assertEquals("stream removed or no longer publishable", stopped.data().get("reason"));
    }

    @Test
    void theListenerMovesAndTurnsOff() throws Exception {
        int other = RtmpTestHost.freePort();
        server.listen(other);
        assertEquals(other, server.port());
        try (RtmpTestClient c = new RtmpTestClient(other)) {
            assertEquals("NetStream.Publish.Start", c.publish("static", "cam1"));
        }
        server.listen(0);
        assertEquals(0, server.port());
        assertTrue(host.eventTypes().contains("publish_started"));
    }
}
