package org.openstreamer.connector.engine;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.PipelineInfo;
import org.openstreamer.connector.api.PublishLocationConfig;
import org.openstreamer.connector.api.SrtEndpoint;
import org.openstreamer.connector.api.StreamConfig;
import org.openstreamer.connector.api.StreamTemplateConfig;
import org.openstreamer.connector.buffer.LiveStream;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Names resolved through publish locations and templates, and the life of the streams they make. */
class EnginePrefixTest {

    static final SrtEndpoint PASS = new SrtEndpoint(0, "chatsPassphrase", 200);
    static final StreamConfig CHATS = new StreamConfig("chats", false, false, null, PASS, null, 2, 6, false, 60, 10);
    static final StreamConfig CAM = new StreamConfig("cam1", true, false, null, null, null, 4, 4, true, 60, 10);
    static final StreamConfig VOD = new StreamConfig("vod1", false, false, null, null, null, 4, 4, false, 60, 10);

    private final Engine engine = new Engine(e -> { });

    @Test
    void aNameUnderALocationResolvesToAPublishableStreamWithTheLocationsSettings() {
        StreamTable table = new StreamTable(List.of(CAM), List.of(new PublishLocationConfig("chats", CHATS, false)),
                List.of(new StreamTemplateConfig("nsk", "nsk/east", VOD.withName("nsk"), false)));
        StreamTable.Resolved r = table.resolve("chats/my/room-1");
        assertTrue(r.dynamic());
        assertFalse(r.keepsAfterPublisher());
        assertEquals("chats/my/room-1", r.config().name());
        assertTrue(r.config().publishEnabled(), "a location exists to be published to");
        assertEquals(PASS, r.config().srtPublish());
        assertEquals(2, r.config().segmentDuration());
        assertFalse(table.resolve("cam1").dynamic());
        assertNull(table.resolve("chats"), "the prefix itself is no stream");
        assertNull(table.resolve("chatsx/1"));
        assertNull(table.resolve("chats/../etc"), "names that are unsafe as folders resolve to nothing");
        assertNull(table.resolve("chats//x"));
        assertNull(table.resolve("chats/a b"));
        assertNull(table.resolve("nsk/x"));
        assertFalse(table.resolve("nsk/east/ort").config().publishEnabled(), "a template without publish:// is not published to");
        assertEquals("nsk/east/ort", table.resolve("nsk/east/ort").config().name());
    }

    @Test
    void theLongestPrefixWinsAndAConfiguredStreamWinsOverBoth() {
        StreamConfig studio = CHATS.withName("chats/studio");
        StreamTable table = new StreamTable(List.of(CAM.withName("chats/studio/main")),
                List.of(new PublishLocationConfig("chats", CHATS, false), new PublishLocationConfig("chats/studio",
                        new StreamConfig("chats/studio", false, false, null, null, null, 8, 3, false, 60, 10), true)), List.of());
        assertEquals(8, table.resolve("chats/studio/cam").config().segmentDuration());
        assertTrue(table.resolve("chats/studio/cam").keepsAfterPublisher(), "that location records");
        assertEquals(2, table.resolve("chats/lobby").config().segmentDuration());
        assertFalse(table.resolve("chats/studio/main").dynamic());
        assertNotNull(studio);
    }

    @Test
    void aStreamFromALocationIsMadeOnPublishAndGoesWhenThePublisherLeaves() {
        engine.applyStreams(List.of(CAM), List.of(new PublishLocationConfig("chats", CHATS, false)), List.of());
        assertNull(engine.existingLiveStream("chats/room1"));
        assertNull(engine.pipeline("chats/room1"));
        LiveStream s = engine.liveStream("chats/room1");
        assertNotNull(s);
        s.publisherStarted("127.0.0.1:5000", 9999);
        assertEquals("publishing", engine.pipeline("chats/room1").state());
        engine.applyStreams(List.of(CAM), List.of(new PublishLocationConfig("chats", CHATS, false)), List.of());
        assertSame(s, engine.existingLiveStream("chats/room1"), "a configuration push keeps it while the location remains");
        s.publisherStopped();
        assertNull(engine.existingLiveStream("chats/room1"), "gone with its publisher");
        assertNull(engine.pipeline("chats/room1"));
    }

    @Test
    void aRecordingLocationsStreamStaysAndARemovedLocationTakesItsStreamsAlong() {
        engine.applyStreams(List.of(), List.of(new PublishLocationConfig("rec", CHATS.withName("rec"), true)), List.of());
        LiveStream s = engine.liveStream("rec/a");
        s.publisherStarted("127.0.0.1:5000", 9999);
        s.publisherStopped();
        assertSame(s, engine.existingLiveStream("rec/a"), "it records, so it stays");
        engine.applyStreams(List.of(), List.of(), List.of());
        assertNull(engine.existingLiveStream("rec/a"));
        assertNull(engine.liveStream("rec/b"), "no location, no stream");
    }

    @Test
    void aConfiguredStaticStreamWithoutASourceWaitsAndAnOnDemandOneIsIdle() {
        StreamConfig off = new StreamConfig("off", true, true, null, null, null, 4, 4, true, 60, 10);
        engine.applyStreams(List.of(CAM, VOD, off), List.of(), List.of());
        PipelineInfo cam = engine.pipeline("cam1");
        assertEquals("waiting", cam.state());
        assertEquals(-1, cam.lastFrameAgeMs());
        assertNull(engine.pipeline("vod1"), "on demand and nobody asked");
        assertNull(engine.pipeline("off"), "disabled");
        engine.applyStreams(List.of(CAM.withName("cam2")), List.of(), List.of());
        assertNull(engine.pipeline("cam1"));
        assertEquals("waiting", engine.pipeline("cam2").state());
        LiveStream s = engine.liveStream("cam2");
        s.publisherStarted("127.0.0.1:5000", 9999);
        assertEquals("publishing", engine.pipeline("cam2").state());
        s.publisherStopped();
        assertSame(s, engine.existingLiveStream("cam2"), "a configured stream outlives its publisher");
        assertEquals("waiting", engine.pipeline("cam2").state());
    }

    /**
     * Applying 10,000 static streams does no per-stream work beyond bookkeeping: each shows as a waiting
     * pipeline, yet none gets a live hub (buffers) or a thread until a publisher comes.
     */
    @Test
    void tenThousandStaticStreamsApplyWithoutAHubOrThreadEach() {
        List<StreamConfig> many = new java.util.ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(CAM.withName("bulk-" + i));
        }
        int threads = Thread.activeCount();
        engine.applyStreams(many, List.of(), List.of());
        for (StreamConfig c : many) {
            assertEquals("waiting", engine.pipeline(c.name()).state(), c.name());
            assertNull(engine.existingLiveStream(c.name()), c.name());
        }
        assertTrue(Thread.activeCount() - threads < 10, "threads: " + threads + " before, " + Thread.activeCount() + " after");
        engine.applyStreams(many.subList(1, many.size()), List.of(), List.of());
        assertNull(engine.pipeline("bulk-0"), "a removed stream is gone");
        assertEquals("waiting", engine.pipeline("bulk-1").state());
    }
}
