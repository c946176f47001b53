package org.openstreamer.connector.packager.hls;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.ReadyBody;
import org.openstreamer.connector.buffer.LiveStream;
import org.openstreamer.connector.buffer.TestSinks;
import org.openstreamer.connector.demux.ts.TsDemuxStats;
import org.openstreamer.connector.demux.ts.TsDemuxer;
import org.openstreamer.connector.demux.ts.TsFixtures;
import org.openstreamer.connector.demux.ts.TsFixtures.ProbePacket;
import org.openstreamer.connector.demux.ts.TsFixtures.ProbeStream;
import org.openstreamer.connector.demux.ts.TsTrack;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stream with two H.264 renditions (640x360 carrying the PCR, 320x180) and AAC, made by ffmpeg
 * and fed through the demuxer: the playlists name one variant per video track, and each variant's
 * segments hold only that video and the audio, readable by ffprobe.
 */
class PlaybackVariantsTest {

    static HlsSegmenter live;
    static HlsOutput output;

    @BeforeAll
    static void publish() {
        LiveStream hub = new LiveStream("mbr");
        live = new HlsSegmenter(hub, 2, 4);
        output = new HlsOutput(hub, () -> null);
        live.addListener(output);
        hub.addConsumer(live);
        hub.publisherStarted("127.0.0.1:5000", 9000);
        TsDemuxer demuxer = new TsDemuxer(hub);
        byte[] ts = TsFixtures.bytes("h264_two_renditions_aac");
        for (int off = 0; off < ts.length; off += 1316) {
            demuxer.feed(ts, off, Math.min(1316, ts.length - off));
            hub.flush();
        }
        assertEquals(4, live.window().segments().size(), "10 s in 2 s segments, the last one still open");
    }

    static List<String> uris(String playlist) {
        return playlist.lines().filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    static byte[] bytes(ReadyBody body) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(TestSinks.into(out));
        assertEquals(body.length(), out.size(), "length() announces what writeTo writes");
        return out.toByteArray();
    }

    static Path file(String name, byte[] bytes) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "variant-segments"));
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void indexAndVideoAreMasterPlaylistsOfOneVariantPerVideoTrack() {
        String master = Playback.hlsPlaylist(live, "index.m3u8");
        assertNotNull(master);
        assertEquals(List.of("video1.m3u8", "video2.m3u8"), uris(master));
        List<String> inf = master.lines().filter(l -> l.startsWith("#EXT-X-STREAM-INF:")).toList();
        assertTrue(inf.get(0).contains("RESOLUTION=640x360"), inf.get(0));
        assertTrue(inf.get(1).contains("RESOLUTION=320x180"), inf.get(1));
        for (String line : inf) {
            assertTrue(line.matches(".*CODECS=\"avc1\\.6400(1E|0D|0C|15|16),mp4a\\.40\\.2\".*"), line); // High, from the SPS
            assertTrue(line.matches(".*BANDWIDTH=[1-9][0-9]*.*"), line);
        }
        // BANDWIDTH is measured as time passes; the rest is the same playlist.
        String stable = master.replaceAll("BANDWIDTH=\\d+", "");
        assertEquals(stable, Playback.hlsPlaylist(live, "playlist.m3u8").replaceAll("BANDWIDTH=\\d+", ""));
        assertEquals(stable, Playback.hlsPlaylist(live, "video.m3u8").replaceAll("BANDWIDTH=\\d+", ""));
    }

    @Test
    void videoNListsTheVariantSegmentsAndMonoEveryTrack() {
        List<String> mono = uris(Playback.hlsPlaylist(live, "mono.m3u8"));
        List<String> first = uris(Playback.hlsPlaylist(live, "video1.m3u8"));
        List<String> second = uris(Playback.hlsPlaylist(live, "video2.m3u8"));
        assertEquals(4, mono.size());
        for (int i = 0; i < mono.size(); i++) {
            assertEquals("tracks-1,3/" + mono.get(i), first.get(i));
            assertEquals("tracks-2,3/" + mono.get(i), second.get(i));
        }
        assertEquals(Playback.hlsPlaylist(live, "mono.m3u8"), Playback.hlsPlaylist(live, "tracks-2,3/index.m3u8"),
                "a track folder's playlist lists paths relative to that folder");
        assertNull(Playback.hlsPlaylist(live, "video3.m3u8"));
        assertNull(Playback.hlsPlaylist(live, "video0.m3u8"));
        assertNull(Playback.hlsPlaylist(live, "video01.m3u8"));
        assertNull(Playback.hlsPlaylist(live, "tracks-4/index.m3u8"), "no fourth track");
        assertNull(Playback.hlsPlaylist(live, "tracks-3,1/index.m3u8"), "ids in order only");
        assertNull(Playback.hlsPlaylist(live, "tracks-1/mono.m3u8"));
    }

    @Test
    void eachVariantSegmentHoldsOneVideoOfItsSizeAndTheAudio() throws Exception {
        String path = uris(Playback.hlsPlaylist(live, "mono.m3u8")).get(1);
        byte[] whole = bytes(output.get(path));
        int[][] sizes = {{640, 360}, {320, 180}};
        for (int n = 1; n <= 2; n++) {
            String uri = uris(Playback.hlsPlaylist(live, "video" + n + ".m3u8")).get(1);
            ReadyBody segment = output.get(uri);
            assertSame(segment, output.get(uri), "built once, then served as it is");
            byte[] bytes = bytes(segment);
            assertTrue(bytes.length < whole.length * 0.9, "the other rendition is left out");

            Path file = file("video" + n + ".ts", bytes);
            List<ProbeStream> streams = TsFixtures.probeStreams(file);
            assertEquals(2, streams.size(), streams.toString());
            assertEquals("h264", streams.get(0).codec());
            assertEquals(sizes[n - 1][0], streams.get(0).width());
            assertEquals(sizes[n - 1][1], streams.get(0).height());
            assertEquals("aac", streams.get(1).codec());
            List<ProbePacket> video = TsFixtures.probePackets(file).stream().filter(p -> p.streamIndex() == 0).toList();
            assertTrue(video.get(0).key(), "starts on a keyframe");
            assertEquals(50, video.size(), "2 s at 25 fps");

            // Our own demuxer finds the variant intact: two tracks, no continuity or table errors.
            TsDemuxer check = demuxed(bytes);
            assertEquals(List.of(TsTrack.Kind.VIDEO, TsTrack.Kind.AUDIO), check.tracks().stream().map(TsTrack::kind).toList());
            assertIntact(check.stats());
        }
        assertEquals(3, demuxed(whole).tracks().size());
        assertIntact(demuxed(whole).stats());
    }

    static TsDemuxer demuxed(byte[] bytes) {
        TsDemuxer d = new TsDemuxer(new LiveStream("check"));
        d.feed(bytes, 0, bytes.length);
        d.flush();
        return d;
    }

    /** The table prefix continues the counters of the tables inside the segment, so nothing looks lost. */
    static void assertIntact(TsDemuxStats stats) {
        assertEquals(0, stats.ccErrors() + stats.duplicatePackets() + stats.badCrcSections() + stats.psiErrors()
                + stats.pesErrors(), stats.toString());
    }

    @Test
    void aFolderOfEveryTrackServesThePlainSegmentAndUnknownOnesNothing() {
        String path = uris(Playback.hlsPlaylist(live, "mono.m3u8")).get(0);
        ReadyBody plain = output.get(path);
        assertNotNull(plain);
        assertSame(plain, output.get("tracks-1,2,3/" + path));
        assertNull(output.get("tracks-1,9/" + path));
        assertNull(output.get("tracks-1/2000/01/01/00/00/00-02000.ts"));
        assertNull(output.get("tracks-1"));
    }
}
