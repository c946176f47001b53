package org.openstreamer.connector.packager.hls;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.ReadyBody;
import org.junit.jupiter.api.io.TempDir;
import org.openstreamer.connector.api.HeldFile;
import org.openstreamer.connector.buffer.DelayRecorder;
import org.openstreamer.connector.buffer.LiveStream;
import org.openstreamer.connector.buffer.TestSinks;
import org.openstreamer.connector.demux.ts.TsDemuxer;
import org.openstreamer.connector.demux.ts.TsFixtures;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ready HTTP bodies of a live stream: made once per segment, the same bytes for every request. */
class HlsOutputTest {

    private String prefix;
    private SegmentFiles segmentFiles = SegmentFiles.HEAP;
    @TempDir
    Path memory;
    private HlsSegmenter segmenter;

    private HlsOutput feed(int seconds) {
        LiveStream live = new LiveStream("cam");
        segmenter = new HlsSegmenter(live, 2, 3, new DelayRecorder(), segmentFiles);
        HlsOutput output = new HlsOutput(live, () -> prefix);
        segmenter.addListener(output);
        live.addConsumer(segmenter);
        live.publisherStarted("127.0.0.1:5000", 9000);
        TsDemuxer demuxer = new TsDemuxer(live);
        byte[] ts = TsFixtures.bytes("h264_aac");
        int end = Math.min(ts.length, ts.length * seconds / 10) / 188 * 188;
        demuxer.feed(ts, 0, end);
        live.flush();
        return output;
    }

    private static String text(ReadyBody body) {
        return new String(bytes(body.buffers()), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer[] parts) {
        int n = Arrays.stream(parts).mapToInt(ByteBuffer::remaining).sum();
        ByteBuffer all = ByteBuffer.allocate(n);
        for (ByteBuffer b : parts) {
            all.put(b);
        }
        return all.array();
    }

    @Test
    void playlistsAreBuiltWhenASegmentClosesNotPerRequest() {
        HlsOutput output = feed(10);
        ReadyBody index = output.get("index.m3u8");
        assertNotNull(index);
        assertSame(index, output.get("index.m3u8"), "the same bytes until the next segment");
        assertEquals(Playback.hlsPlaylist(segmenter, "index.m3u8"), text(index));
        assertEquals("application/vnd.apple.mpegurl", index.contentType());
        assertEquals("public, max-age=1", index.cacheControl(), "half the 2 s target");
        assertTrue(index.etag().startsWith("\"") && index.etag().endsWith("\""), index.etag());
        assertNotNull(output.get("mono.m3u8"));
        assertNotNull(output.get("video1.m3u8"));
        assertNull(output.get("video2.m3u8"));
        assertNull(output.get("nothing.m3u8"));
    }

    @Test
    void aSegmentIsItsTablesThenSharedBlocksAndRangesCutIt() {
        HlsOutput output = feed(10);
        String path = text(output.get("mono.m3u8")).lines().filter(l -> l.endsWith(".ts")).findFirst().orElseThrow();
        ReadyBody segment = output.get(path);
        assertSame(segment, output.get(path));
        assertEquals("video/mp2t", segment.contentType());
        assertEquals("public, max-age=86400", segment.cacheControl());
        byte[] whole = bytes(segment.buffers());
        assertEquals(segment.length(), whole.length);
        assertEquals(0x47, whole[0]);
        assertEquals(0, ((whole[1] & 0x1F) << 8) | (whole[2] & 0xFF), "PAT first");
        assertTrue(segment.buffers().length > 2, "the tables, then views of the packet blocks");
        assertArrayEquals(Arrays.copyOfRange(whole, 100, 70_001), bytes(segment.range(100, 70_000)), "across blocks");
        assertArrayEquals(Arrays.copyOfRange(whole, whole.length - 1, whole.length),
                bytes(segment.range(whole.length - 1, whole.length - 1)));
        assertEquals(whole.length, bytes(segment.buffers()).length, "each request gets its own views");
    }

    @Test
    void aSegmentInAMemoryFileHasTheSameBytesAndIsHeldUntilTheLastReaderLetsGo() throws Exception {
        byte[] inHeap = bytes(firstSegment(feed(10)).buffers());
        segmentFiles = SegmentFiles.of(memory.toString());
        HlsOutput output = feed(10);
        ReadyBody segment = firstSegment(output);
        HeldFile file = segment.file();
        assertNotNull(file, "kept in a memory file");
        try (var names = Files.list(memory)) {
            assertEquals(0, names.count(), "unnamed at once: nothing is left behind if the server dies");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        segment.writeTo(TestSinks.into(out));
        assertArrayEquals(inHeap, out.toByteArray());

        assertTrue(file.hold(), "a request holds it");
        output.hub().close(); // the stream goes: its window lets go of the segments
        assertTrue(file.channel().isOpen(), "still open for the request");
        file.release();
        assertFalse(file.channel().isOpen(), "closed after the last hold");
        assertFalse(file.hold(), "and cannot be held again");
    }

    private static ReadyBody firstSegment(HlsOutput output) {
        return output.get(text(output.get("mono.m3u8")).lines().filter(l -> l.endsWith(".ts")).findFirst().orElseThrow());
    }

    @Test
    void aChangedUrlPrefixRebuildsThePlaylistsAtOnce() {
        HlsOutput output = feed(10);
        ReadyBody before = output.get("index.m3u8");
        prefix = "https://cdn.example.com/live";
        ReadyBody after = output.get("index.m3u8");
        assertNotEquals(before.etag(), after.etag());
        assertTrue(text(after).contains("\nhttps://cdn.example.com/live/cam/20"), text(after));
    }

    @Test
    void nothingBeforeTheFirstSegment() {
        HlsOutput output = feed(1);
        assertNull(output.get("index.m3u8"));
    }

    @Test
    void anEndedStreamsPlaylistsCarryEndlistUntilItsPublisherComesBack() {
        HlsOutput output = feed(10);
        assertFalse(text(output.get("index.m3u8")).contains("#EXT-X-ENDLIST"));
        output.hub().publisherStopped();
        output.hub().endIfGone(System.currentTimeMillis() + 20_000, 10_000);
        String ended = text(output.get("index.m3u8"));
        assertTrue(ended.endsWith("#EXT-X-ENDLIST\n"), ended);
        assertTrue(text(output.get("video1.m3u8")).endsWith("#EXT-X-ENDLIST\n"));

        LiveStream live = output.hub();
        live.publisherStarted("127.0.0.1:2", 9000);
        TsDemuxer demuxer = new TsDemuxer(live);
        byte[] ts = TsFixtures.bytes("h264_aac");
        demuxer.feed(ts, 0, ts.length);
        live.flush();
        String again = text(output.get("index.m3u8"));
        assertFalse(again.contains("#EXT-X-ENDLIST"), again);
        assertTrue(again.contains("#EXT-X-DISCONTINUITY"), again);
    }
}
