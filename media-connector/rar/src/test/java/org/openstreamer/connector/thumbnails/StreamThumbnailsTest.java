package org.openstreamer.connector.thumbnails;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.buffer.LiveStream;
import org.openstreamer.connector.demux.ts.TsDemuxer;
import org.openstreamer.connector.demux.ts.TsFixtures;
import org.openstreamer.connector.packager.hls.HlsSegmenter;
import org.openstreamer.connector.packager.hls.Segment;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A live stream's thumbnails: one per closed segment, made on the thumbnail thread, bounded. */
class StreamThumbnailsTest {

    private final LiveStream hub = new LiveStream("thumbs");
    private final HlsSegmenter segmenter = new HlsSegmenter(hub, 2, 10);
    private final List<Segment> closed = new ArrayList<>();
    private TsDemuxer demuxer;

    private StreamThumbnails attach(Thumbnailer thumbnailer) {
        StreamThumbnails t = new StreamThumbnails("thumbs", hub, thumbnailer);
        segmenter.addListener(t);
        segmenter.addListener((segment, window) -> closed.add(segment));
        hub.addConsumer(segmenter);
        hub.publisherStarted("127.0.0.1:5000", 9000);
        demuxer = new TsDemuxer(hub);
        return t;
    }

    /** Feeds the fixture from {@code from} until {@code segments} more segments are closed; returns where it stopped. */
    private int feed(byte[] ts, int from, int segments) {
        int target = closed.size() + segments;
        int off = from;
        for (; off < ts.length && closed.size() < target; off += 1316) {
            demuxer.feed(ts, off, Math.min(1316, ts.length - off));
            hub.flush();
        }
        return off;
    }

    private static void runQueued(Thumbnailer thumbnailer) throws Exception {
        Thread worker = new Thread(thumbnailer::run);
        worker.start();
        Thread.sleep(1500); // the queue is drained long before: decoding one picture takes milliseconds
        thumbnailer.stop();
        worker.join();
    }

    @Test
    void eachSegmentGivesAJpegOfTheStreamSize() throws Exception {
        Thumbnailer thumbnailer = new Thumbnailer(() -> true);
        StreamThumbnails t = attach(thumbnailer);
        Thread worker = new Thread(thumbnailer::run);
        worker.start();
        try {
            byte[] ts = TsFixtures.bytes("h264_aac");
            int off = feed(ts, 0, 1);
            long deadline = System.currentTimeMillis() + 10_000;
            while (t.latest() == null && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            StreamThumbnails.Thumbnail first = t.latest();
            assertNotNull(first, "a thumbnail once the first segment closed");
            assertEquals(closed.get(0).startMillis(), first.millis());
            BufferedImage image = KeyframeJpegTest.image(first.jpeg());
            assertEquals(640, image.getWidth());
            assertEquals(360, image.getHeight());

            feed(ts, off, 1);
            while (t.latest() == first && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertNotEquals(first, t.latest(), "the next segment replaces it");
            assertEquals(closed.get(1).startMillis(), t.latest().millis());
        } finally {
            thumbnailer.stop();
            worker.join();
        }
    }

    @Test
    void aSegmentClosedWhileTheLastOneIsStillBeingMadeGetsNone() throws Exception {
        Thumbnailer thumbnailer = new Thumbnailer(() -> true);
        StreamThumbnails t = attach(thumbnailer);
        feed(TsFixtures.bytes("h264_aac"), 0, 4); // the thumbnail thread is not running yet: the first job waits
        assertNull(t.latest());
        runQueued(thumbnailer);
        assertNotNull(t.latest());
        assertEquals(closed.get(0).startMillis(), t.latest().millis(), "only the first segment's job was queued");
    }

    @Test
    void withoutFfmpegNothingIsQueuedAndTheStreamGoesOn() throws Exception {
        Thumbnailer thumbnailer = new Thumbnailer(() -> false);
        StreamThumbnails t = attach(thumbnailer);
        feed(TsFixtures.bytes("h264_aac"), 0, 3);
        assertEquals(3, closed.size(), "segments are cut as always");
        runQueued(thumbnailer);
        assertNull(t.latest());
    }

    @Test
    void aClosedStreamForgetsItsThumbnail() throws Exception {
        Thumbnailer thumbnailer = new Thumbnailer(() -> true);
        StreamThumbnails t = attach(thumbnailer);
        feed(TsFixtures.bytes("h264_aac"), 0, 1);
        runQueued(thumbnailer);
        assertNotNull(t.latest());
        t.closed();
        assertNull(t.latest());
        assertFalse(closed.isEmpty());
        assertTrue(closed.get(0).hold(), "the job gave back its hold on the segment");
    }
}
