package org.openstreamer.connector.buffer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.LiveTsReader;
import org.openstreamer.connector.demux.ts.TsTrack;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hub alone: stores packets, keeps the tables, serves live readers, counts, dispatches. */
class LiveStreamTest {

    LiveStream stream;
    HubDriver driver;

    @BeforeEach
    void setUp() {
        stream = new LiveStream("cam1");
        driver = new HubDriver(stream);
        driver.startPublisher();
    }

    @Test
    void aReaderStartsWithTablesAtTheLatestKeyframeAndFollowsLive() throws Exception {
        driver.play(5); // keyframes at 0, 2, 4 s
        LiveTsReader reader = stream.openReader();
        assertNotNull(reader);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = reader.read(TestSinks.into(out), 1 << 20);
        byte[] bytes = out.toByteArray();
        assertEquals(bytes.length, n);
        assertArrayEquals(new byte[]{0x47, 0x40, 0x00}, java.util.Arrays.copyOf(bytes, 3), "PAT first");
        assertEquals((byte) 0xAA, bytes[376 + 10], "then the 4 s keyframe");
        assertEquals(0, reader.read(TestSinks.into(out), 1 << 20), "nothing new");

        int[] signals = {0};
        reader.onAvailable(() -> signals[0]++);
        driver.play(1);
        assertTrue(signals[0] > 0);
        assertTrue(reader.read(TestSinks.into(out), 1 << 20) > 0);
        reader.close();
        assertEquals(0, stream.readerCount());
    }

    @Test
    void closingTheStreamEndsItsReaders() throws Exception {
        driver.play(3);
        LiveTsReader r = stream.openReader();
        stream.close();
        assertEquals(LiveTsReader.ENDED, r.read(TestSinks.DISCARD, 1 << 20));
    }

    @Test
    void mediaInfoReportsTracksAndMeasuredFrameRate() {
        driver.play(4);
        var info = stream.mediaInfo();
        assertEquals(640, info.width());
        assertEquals(2, info.streams().size());
        assertEquals("video", info.streams().get(0).content());
        assertEquals(25.0, info.streams().get(0).fps(), 0.01);
        assertEquals(2, info.streams().get(1).trackId());
        assertEquals("eng", info.streams().get(1).lang());
    }

    @Test
    void aPublisherGoneForTheGracePeriodEndsReadersAndNewViewersGetNothing() throws Exception {
        driver.play(5);
        LiveTsReader reader = stream.openReader();
        int[] signals = {0};
        reader.onAvailable(() -> signals[0]++);
        stream.publisherStopped();
        long now = System.currentTimeMillis();
        assertTrue(stream.endIfGone(now + 1_000, 10_000) >= 0, "gone, but within the grace period");
        assertFalse(stream.isEnded());
        assertNotNull(stream.openReader(), "a viewer may still join while the publisher may come back");
        assertTrue(reader.read(TestSinks.DISCARD, 1 << 22) > 0, "what was sent before still reaches the viewer");

        stream.endIfGone(now + 10_000, 10_000);
        assertTrue(stream.isEnded());
        assertTrue(signals[0] > 0, "readers are woken to see the end");
        assertEquals(LiveTsReader.ENDED, reader.read(TestSinks.DISCARD, 1 << 20));
        assertNull(stream.openReader(), "nothing to join once ended");

        stream.publisherStarted("127.0.0.1:2", 9000);
        assertFalse(stream.isEnded(), "a publisher that comes back starts the stream again");
        assertEquals(-1, stream.endIfGone(now + 60_000, 10_000));
    }

    @Test
    void consumersSeeTracksFramesWithTheirAnchorAndOneWakeUpPerChunk() {
        List<String> seen = new ArrayList<>();
        stream.addConsumer(new HubConsumer() {
            @Override
            public void tracksChanged(List<TsTrack> tracks) {
                seen.add("tracks " + tracks.size());
            }

            @Override
            public void frame(long index, TsTrack track, long pts, long dts, boolean keyframe, boolean anchor) {
                if (keyframe) {
                    seen.add(track.codec() + (anchor ? " anchor" : "") + " at " + index);
                }
            }

            @Override
            public void packetsAdded(long size) {
                seen.add("stored " + size);
            }

            @Override
            public void sourceStopped() {
                seen.add("stopped");
            }
        });
        driver.frame(true);
        stream.flush();
        stream.flush();
        stream.publisherStopped();
        assertEquals(List.of("h264 anchor at 2", "aac at 4", "stored 5", "stopped"), seen,
                "store indexes count the tables sent before; a flush without news wakes nobody");
    }

    @Test
    void readersStartWithTheTablesTheDemuxerHandedOverNotParsedAgain() throws Exception {
        byte[] tables = new byte[376];
        System.arraycopy(HubDriver.packet(0, true, 0x5A), 0, tables, 0, 188);
        System.arraycopy(HubDriver.packet(HubDriver.PMT_PID, true, 0x5B), 0, tables, 188, 188);
        stream.onProgramTables(tables);
        tables[10] = 0; // the demuxer reuses its array
        driver.play(3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        stream.openReader().read(TestSinks.into(out), 1 << 20);
        byte[] bytes = out.toByteArray();
        assertEquals(0x5A, bytes[10]);
        assertEquals(0x5B, bytes[188 + 10]);
        assertEquals(HubDriver.KEYFRAME_MARKER, bytes[376 + 10], "then the latest keyframe");
    }

    @Test
    void theTablesPrefixedToAReaderChainIntoTheStreamsNextTablePacketsCounters() throws Exception {
        // A stream whose PAT and PMT repeat every 10 packets with running counters, as encoders send them.
        int[] cc = new int[0x2000];
        long local = stream.packetCount(); // the publisher's packets so far (its demuxer's numbering)
        for (int i = 0; i < 200; i++) {
            if (i % 10 == 0) {
                byte[] pat = counted(HubDriver.packet(0, true, 0), cc);
                byte[] pmt = counted(HubDriver.packet(HubDriver.PMT_PID, true, 0x33), cc);
                stream.onPacket(pat, 0, 0);
                stream.onPacket(pmt, 0, HubDriver.PMT_PID);
                local += 2;
                byte[] tables = new byte[376];
                System.arraycopy(pat, 0, tables, 0, 188);
                System.arraycopy(pmt, 0, tables, 188, 188);
                stream.onProgramTables(tables);
            }
            boolean key = i % 50 == 5;
            stream.onPacket(counted(HubDriver.packet(HubDriver.VIDEO_PID, true, key ? HubDriver.KEYFRAME_MARKER : 0x11), cc),
                    0, HubDriver.VIDEO_PID);
            // The demuxer reports a frame once its PES is complete: a few packets (and a table) later.
            if (key) {
                long first = local;
                local++;
                for (int k = 0; k < 3; k++, i++, local++) {
                    stream.onPacket(counted(HubDriver.packet(HubDriver.VIDEO_PID, false, 0), cc), 0, HubDriver.VIDEO_PID);
                }
                stream.onFrame(first, HubDriver.VIDEO, 90_000L * i, 90_000L * i, true);
            } else {
                local++;
            }
        }
        stream.flush();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        stream.openReader().read(TestSinks.into(out), 1 << 22);
        byte[] bytes = out.toByteArray();
        assertEquals(HubDriver.KEYFRAME_MARKER, bytes[376 + 10], "tables, then the latest keyframe");
        int[] last = new int[0x2000];
        java.util.Arrays.fill(last, -1);
        int tablePackets = 0;
        for (int p = 0; p < bytes.length; p += 188) {
            int pid = ((bytes[p + 1] & 0x1F) << 8) | (bytes[p + 2] & 0xFF);
            int counter = bytes[p + 3] & 0x0F;
            if (last[pid] >= 0) {
                assertEquals((last[pid] + 1) & 0x0F, counter, "continuity on PID " + pid + " at packet " + p / 188);
            }
            last[pid] = counter;
            tablePackets += pid == 0 || pid == HubDriver.PMT_PID ? 1 : 0;
        }
        assertTrue(tablePackets >= 4, "the prefix and the stream's own tables: " + tablePackets);
    }

    /** Gives {@code packet} the next continuity counter of its PID. */
    private static byte[] counted(byte[] packet, int[] cc) {
        int pid = ((packet[1] & 0x1F) << 8) | (packet[2] & 0xFF);
        packet[3] = (byte) (0x10 | (cc[pid]++ & 0x0F));
        return packet;
    }
}
