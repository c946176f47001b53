package org.openstreamer.connector.engine;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.LiveTsReader;
import org.openstreamer.connector.api.PipelineInfo;
import org.openstreamer.connector.api.StreamConfig;
import org.openstreamer.connector.buffer.LiveStream;
import org.openstreamer.connector.demux.ts.TsTrack;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Restart, source switch and per-stream status of the engine, without SRT (libsrt is not started). */
class EngineOperationsTest {

    private Engine engine;

    private static StreamConfig stream(String name) {
        // On demand: a static stream would show a "waiting" pipeline without a publisher.
        return new StreamConfig(name, true, false, null, null, null, 4, 4, false,
                StreamConfig.DEFAULT_CLIENTS_TIMEOUT, StreamConfig.DEFAULT_RETRY_LIMIT);
    }

    @BeforeEach
    void configure() {
        engine = new Engine(event -> { });
        engine.applyStreams(List.of(stream("live/cam1"), stream("cam2")));
    }

    @Test
    void aStreamWithoutPublisherHasNoPipeline() {
        assertNull(engine.pipeline("live/cam1"));
        assertNull(engine.pipeline("unknown"));
    }

    @Test
    void restartReplacesOnlyThatStreamsHub() {
        LiveStream cam1 = engine.liveStream("live/cam1");
        LiveStream cam2 = engine.liveStream("cam2");
        cam1.publisherStarted("127.0.0.1:5000", 9001);
        assertEquals("publishing", engine.pipeline("live/cam1").state());

        assertTrue(engine.restart("live/cam1"));
        assertNull(engine.pipeline("live/cam1"), "the hub is gone until the next publisher");
        assertFalse(cam1.isPublishing(), "the old hub is closed");
        assertNotSame(cam1, engine.liveStream("live/cam1"));
        assertEquals(cam2, engine.existingLiveStream("cam2"), "other streams keep their hub");
        assertFalse(engine.restart("unknown"));
    }

    @Test
    void restartEndsTheViewersOfTheOldHub() throws Exception {
        LiveStream cam1 = engine.liveStream("live/cam1");
        cam1.publisherStarted("127.0.0.1:5000", 9001);
        TsTrack video = new TsTrack(0, 0x100, 0x1B, TsTrack.Kind.VIDEO, "h264", 640, 360, 0, 0, null);
        cam1.onTracks(List.of(video));
        byte[] packet = new byte[188];
        packet[0] = 0x47;
        packet[1] = 0x41; // PID 0x100, unit start
        cam1.onPacket(packet, 0, 0x100);
        cam1.onFrame(0, video, 0, 0, true);
        LiveTsReader viewer = cam1.openReader();
        assertNotNull(viewer);
        assertTrue(engine.pipeline("live/cam1").lastFrameAgeMs() >= 0);
        assertEquals(188, engine.pipeline("live/cam1").bytesIn());

        engine.restart("live/cam1");
        assertEquals(0, cam1.readerCount());
        assertEquals(LiveTsReader.ENDED, viewer.read(org.openstreamer.connector.buffer.TestSinks.DISCARD, 65536));
    }

    @Test
    void switchSourceIsReportedByThePipelineAndForgottenWithTheStream() {
        assertTrue(engine.switchSource("cam2", "udp://239.0.0.1:1234"));
        assertFalse(engine.switchSource("unknown", "udp://239.0.0.1:1234"));
        engine.liveStream("cam2");
        PipelineInfo p = engine.pipeline("cam2");
        assertNotNull(p);
        assertEquals("udp://239.0.0.1:1234", p.source());
        assertEquals(0, p.bytesIn());
        assertEquals(-1, p.lastFrameAgeMs());
        assertFalse(p.alive());

        engine.applyStreams(List.of(stream("live/cam1")));
        engine.applyStreams(List.of(stream("live/cam1"), stream("cam2")));
        engine.liveStream("cam2");
        assertNull(engine.pipeline("cam2").source(), "a removed stream's choice does not come back");
    }
}
