package org.openstreamer.connector.ingest.rtmp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The publishing client (what RTMP pushes use) against this server's own RTMP server, and against garbage. */
@Timeout(20)
class RtmpClientTest {

    private final RtmpTestHost host = new RtmpTestHost().stream("cam1", true, null).stream("secret", true, "s3cret");
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
    void theUrlGivesAppAndName() {
        assertEquals(new RtmpClient.Target(false, "a.example.com", 1935, "live2", "key-1?x=1"),
                RtmpClient.Target.parse("rtmp://a.example.com/live2/key-1?x=1"));
        assertEquals(new RtmpClient.Target(true, "cdn", 443, "app/instance", "name"),
                RtmpClient.Target.parse("rtmps://cdn/app/instance/name"));
        assertEquals(8935, RtmpClient.Target.parse("rtmp://cdn:8935/a/b").port());
        assertThrows(IllegalArgumentException.class, () -> RtmpClient.Target.parse("rtmp://cdn/only-a-name"));
        assertThrows(IllegalArgumentException.class, () -> RtmpClient.Target.parse("rtmp://cdn/app/"));
        assertThrows(IllegalArgumentException.class, () -> RtmpClient.Target.parse("http://cdn/app/name"));
    }

    @Test
    void itPublishesAndTheServerAdmitsIt() throws Exception {
        try (RtmpClient c = RtmpClient.publish(RtmpClient.Target.parse("rtmp://127.0.0.1:" + port + "/static/cam1"))) {
            assertTrue(host.hasPublisher("cam1"));
            c.flush();
        }
        RtmpFfmpegPublishTest.waitUntil(() -> !host.hasPublisher("cam1"));
    }

    @Test
    void aRefusalCarriesTheServersCode() {
        IOException e = assertThrows(IOException.class,
                () -> RtmpClient.publish(RtmpClient.Target.parse("rtmp://127.0.0.1:" + port + "/static/secret?password=no")));
        assertTrue(e.getMessage().contains("NetStream.Publish.Denied"), e.getMessage());
        assertFalse(host.hasPublisher("secret"));
        assertDoesNotThrowPublishing("rtmp://127.0.0.1:" + port + "/static/secret?password=s3cret");
    }

    @Test
    void aServerThatAnswersGarbageIsAProtocolError() throws Exception {
        try (ServerSocket junk = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = junk.accept()) {
                    s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes());
                    s.getInputStream().readNBytes(1537);
                } catch (IOException ignored) {
                    // the client went
                }
            });
            t.start();
            IOException e = assertThrows(IOException.class,
                    () -> RtmpClient.publish(RtmpClient.Target.parse("rtmp://127.0.0.1:" + junk.getLocalPort() + "/a/b")));
            assertTrue(e.getMessage().contains("handshake"), e.getMessage());
            t.join(5000);
        }
    }

    private void assertDoesNotThrowPublishing(String url) {
        try (RtmpClient c = RtmpClient.publish(RtmpClient.Target.parse(url))) {
            assertTrue(host.hasPublisher("secret"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
