package org.openstreamer.connector.engine;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.ServerSettings;

import java.net.ServerSocket;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** listeners.rtmp reaches the RTMP listener: default port, another port, off, WildFly's port offset. */
class EngineRtmpTest {

    private static ServerSettings rtmp(int port) {
        return new ServerSettings(null, null, null, List.of(), null, null, port);
    }

    @Test
    void thePortIsShiftedByTheServersPortOffsetAndZeroStaysOff() {
        assertEquals(1935, Engine.rtmpPort(ServerSettings.NONE));
        System.setProperty("jboss.socket.binding.port-offset", "100");
        try {
            assertEquals(2035, Engine.rtmpPort(ServerSettings.NONE));
            assertEquals(1036, Engine.rtmpPort(rtmp(936)));
            assertEquals(0, Engine.rtmpPort(rtmp(0)));
            assertEquals(0, Engine.rtmpPort(rtmp(65500)), "shifted out of range: off");
        } finally {
            System.clearProperty("jboss.socket.binding.port-offset");
        }
    }

    @Test
    void settingsMoveTheListenerAndStopClosesIt() throws Exception {
        Engine engine = new Engine(e -> { });
        int first = freePort();
        engine.applySettings(rtmp(first));
        assertEquals(0, engine.rtmpListeningPort(), "not before the engine starts RTMP");
        engine.startRtmp();
        assertEquals(first, engine.rtmpListeningPort());
        int second = freePort();
        engine.applySettings(rtmp(second));
        assertEquals(second, engine.rtmpListeningPort());
        engine.applySettings(rtmp(0));
        assertEquals(0, engine.rtmpListeningPort());
        engine.applySettings(rtmp(first));
        assertEquals(first, engine.rtmpListeningPort());
        engine.stop();
        assertEquals(0, engine.rtmpListeningPort());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
