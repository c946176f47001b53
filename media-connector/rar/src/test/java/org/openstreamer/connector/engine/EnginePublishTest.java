package org.openstreamer.connector.engine;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.PublishLocationConfig;
import org.openstreamer.connector.api.PublishSink;
import org.openstreamer.connector.api.Publishing;
import org.openstreamer.connector.api.StreamConfig;
import org.openstreamer.connector.demux.ts.TsFixtures;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTP MPEG-TS publishing as the engine sees it: admission, feeding, and the ways a publisher is ended. */
class EnginePublishTest {

    private final List<MediaEvent> events = new CopyOnWriteArrayList<>();
    private Engine engine;

    private static StreamConfig stream(String name, boolean publishable, String password) {
        return new StreamConfig(name, publishable, false, null, null, null, 4, 4, false,
                StreamConfig.DEFAULT_CLIENTS_TIMEOUT, StreamConfig.DEFAULT_RETRY_LIMIT, null, null,
                StreamConfig.DEFAULT_SOURCE_TIMEOUT, password);
    }

    private List<StreamConfig> streams = List.of(stream("cam1", true, "s3cret"), stream("open", true, null),
            stream("vod", false, null));

    @BeforeEach
    void configure() {
        engine = new Engine(events::add);
        engine.applyStreams(streams, List.of(new PublishLocationConfig("chats", stream("chats", true, "loc-pass"), false)),
                List.of());
    }

    private Publishing open(String stream, String password) {
        return engine.openPublisher(stream, "http", "127.0.0.1:40000", password == null ? Map.of() : Map.of("password", password));
    }

    private static void refused(Publishing p, int status, String error) {
        assertFalse(p.isAccepted());
        assertNull(p.sink());
        assertEquals(status, p.status(), p.message());
        assertEquals(error, p.error(), p.message());
        assertFalse(p.message().isBlank());
    }

    @Test
    void admissionFollowsTheRulesOfEveryProtocol() {
        refused(open("nope", null), 404, "stream_not_found");
        refused(open("vod", null), 403, "publish_forbidden");
        refused(open("cam1", null), 403, "wrong_password");
        refused(open("cam1", "S3CRET"), 403, "wrong_password");
        refused(open("chats/room1", "s3cret"), 403, "wrong_password");
        refused(engine.openPublisher("open", "rtsp", "127.0.0.1:1", Map.of()), 400, "unsupported_protocol");
        assertTrue(events.isEmpty(), "refusals start nothing");

        Publishing p = open("cam1", "s3cret");
        assertTrue(p.isAccepted());
        refused(open("cam1", "s3cret"), 409, "already_publishing");
        assertTrue(open("chats/room1", "loc-pass").isAccepted(), "a publish location's password");
        assertTrue(open("open", null).isAccepted());
        MediaEvent started = events.get(0);
        assertEquals("publish_started", started.type());
        assertEquals("cam1", started.stream());
        assertEquals("http", started.data().get("protocol"));
        assertEquals("127.0.0.1:40000", started.data().get("peer"));
    }

    @Test
    void fedBytesReachTheStreamAndCloseFreesIt() {
        PublishSink sink = open("open", null).sink();
        byte[] ts = TsFixtures.bytes("h264_aac");
        for (int off = 0; off < ts.length; off += 65536) {
            assertTrue(sink.write(ts, off, Math.min(65536, ts.length - off)));
        }
        assertNotNull(engine.mediaInfo("open"), "tracks found");
        assertEquals("publishing", engine.pipeline("open").state());
        sink.close("end of the request body");
        assertNull(sink.endReason());
        MediaEvent stopped = events.get(events.size() - 1);
        assertEquals("publish_stopped", stopped.type());
        assertEquals("end of the request body", stopped.data().get("reason"));
        assertEquals((long) ts.length, stopped.data().get("bytes"));
        assertTrue(open("open", null).isAccepted(), "free for the next publisher");
    }

    @Test
    void garbageIsRefusedWithinTheLimitAndOtherStreamsGoOn() {
        PublishSink good = open("open", null).sink();
        PublishSink junk = open("cam1", "s3cret").sink();
        byte[] ts = TsFixtures.bytes("h264_aac");
        byte[] garbage = new byte[65536];
        Random random = new Random(3);
        long fed = 0;
        boolean accepted = true;
        int goodOff = 0;
        while (accepted && fed < 64L << 20) {
            random.nextBytes(garbage);
            accepted = junk.write(garbage, 0, garbage.length);
            fed += garbage.length;
            if (goodOff < ts.length) {
                assertTrue(good.write(ts, goodOff, Math.min(65536, ts.length - goodOff)), "the good publisher goes on");
                goodOff += 65536;
            }
        }
        assertFalse(accepted, "refused");
        assertTrue(fed <= 12L << 20, "after " + fed + " bytes"); // a chance sync in random bytes may earn it another 4 MiB
        assertTrue(junk.inputRefused());
        assertTrue(junk.endReason().startsWith("not MPEG-TS"), junk.endReason());
        junk.close("ignored: the engine's reason wins");
        MediaEvent stopped = events.stream().filter(e -> e.type().equals("publish_stopped")).findFirst().orElseThrow();
        assertEquals("cam1", stopped.stream());
        assertEquals(junk.endReason(), stopped.data().get("reason"));
        assertEquals("publishing", engine.pipeline("open").state());
        assertFalse(good.inputRefused());
        assertNull(good.endReason());
    }

    @Test
    void removingTheStreamOrItsPublishingEndsTheHttpPublisher() {
        PublishSink cam1 = open("cam1", "s3cret").sink();
        PublishSink open = open("open", null).sink();
        streams = List.of(stream("open", false, null));
        configure2();
        assertEquals("stream removed or no longer publishable", cam1.endReason());
        assertEquals("stream removed or no longer publishable", open.endReason());
        byte[] ts = new byte[188];
        assertFalse(cam1.write(ts, 0, ts.length));
        assertTrue(events.stream().anyMatch(e -> e.type().equals("publish_stopped") && e.stream().equals("cam1")));
    }

    @Test
    void anEndFromAnotherThreadRunsTheEndActionAnEndFoundWhileWritingDoesNot() throws Exception {
        PublishSink open = open("open", null).sink();
        AtomicInteger woken = new AtomicInteger();
        open.onEnd(woken::incrementAndGet);
        byte[] ts = TsFixtures.bytes("h264_aac");
        assertTrue(open.write(ts, 0, 188 * 100));
        Thread restart = new Thread(() -> engine.restart("open"));
        restart.start();
        restart.join();
        assertEquals(1, woken.get(), "a writer blocked on a quiet connection would be woken");
        assertEquals("stream restarted", open.endReason());
        assertFalse(open.write(ts, 0, 188));
        AtomicInteger late = new AtomicInteger();
        open.onEnd(late::incrementAndGet);
        assertEquals(1, late.get(), "registered after the end: run at once");

        PublishSink junk = open("cam1", "s3cret").sink();
        AtomicInteger junkWoken = new AtomicInteger();
        junk.onEnd(junkWoken::incrementAndGet);
        byte[] garbage = new byte[1 << 20];
        new Random(5).nextBytes(garbage);
        for (int i = 0; i < 64 && junk.write(garbage, 0, garbage.length); i++) {
            new Random(i).nextBytes(garbage);
        }
        assertTrue(junk.inputRefused());
        assertEquals(0, junkWoken.get(), "the writer itself learns it from write, and can still answer");
    }

    private void configure2() {
        engine.applyStreams(streams, List.of(), List.of());
    }
}
