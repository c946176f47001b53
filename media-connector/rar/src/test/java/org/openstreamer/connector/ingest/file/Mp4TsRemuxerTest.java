package org.openstreamer.connector.ingest.file;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openstreamer.connector.demux.mp4.Mp4Data;
import org.openstreamer.connector.demux.mp4.Mp4Fixtures;
import org.openstreamer.connector.demux.mp4.Mp4Movie;
import org.openstreamer.connector.demux.ts.TsDemuxListener;
import org.openstreamer.connector.demux.ts.TsDemuxer;
import org.openstreamer.connector.demux.ts.TsTrack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MP4 files remuxed to MPEG-TS: what ffprobe sees in one round, and the clock across rounds. */
class Mp4TsRemuxerTest {

    @ParameterizedTest
    @ValueSource(strings = {"h264_aac.mp4", "h264_aac.mov", "h265_aac.mp4"})
    void oneRoundIsMpegTsThatFfprobeReads(String name) throws IOException {
        byte[] ts = Mp4TsRemuxer.toTs(Mp4Fixtures.path(name), name, 1 << 20);
        assertEquals(0, ts.length % 188);
        Path out = Files.write(Path.of("target", "mp4-fixtures", name + ".ts"), ts);
        String probe = Mp4Fixtures.run(List.of("ffprobe", "-v", "error", "-count_packets", "-show_entries",
                "stream=codec_name,width,nb_read_packets", "-of", "csv=p=0", out.toString()));
        String video = name.startsWith("h265") ? "hevc" : "h264";
        assertTrue(probe.contains(video + ",64,25"), "the video, all 25 pictures: " + probe);
        assertTrue(probe.lines().anyMatch(l -> l.startsWith("aac,")), "the audio: " + probe);
        // the pictures decode: ffmpeg finds no errors in them
        String decode = Mp4Fixtures.run(List.of("ffmpeg", "-hide_banner", "-v", "error", "-i", out.toString(), "-f", "null", "-"));
        assertEquals("", decode.strip(), "decoding errors");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h264_aac.mp4", "h265_aac.mp4"})
    void theClockGoesOnAcrossRounds(String name) throws IOException {
        byte[] file = Files.readAllBytes(Mp4Fixtures.path(name));
        Mp4Data data = Mp4Data.of(file);
        Mp4Movie movie = Mp4Movie.read(data);
        Mp4TsRemuxer remuxer = new Mp4TsRemuxer(name, movie, data);
        int perRound = movie.tracks().stream().mapToInt(t -> t.samples()).sum();
        ByteArrayOutputStream ts = new ByteArrayOutputStream();
        for (int i = 0; i < 3 * perRound; i++) {
            remuxer.muxNext();
            ts.write(remuxer.out(), 0, remuxer.outLength());
        }
        Map<Integer, List<long[]>> frames = new HashMap<>();
        TsDemuxer demuxer = new TsDemuxer(new TsDemuxListener() {
            @Override
            public void onPacket(byte[] buf, int off, int pid) {
            }

            @Override
            public void onTracks(List<TsTrack> tracks) {
            }

            @Override
            public void onFrame(long firstPacketIndex, TsTrack track, long pts, long dts, boolean keyframe) {
                frames.computeIfAbsent(track.pid(), k -> new ArrayList<>()).add(new long[] {pts, dts, keyframe ? 1 : 0});
            }
        });
        demuxer.feed(ts.toByteArray(), 0, ts.size());
        demuxer.flush();
        assertEquals(2, frames.size());
        List<long[]> video = frames.get(0x100);
        assertEquals(75, video.size(), "three rounds of 25 pictures");
        assertEquals(1, video.get(0)[2], "a keyframe first");
        assertEquals(1, video.get(25)[2], "and first in each round");
        for (List<long[]> track : frames.values()) {
            for (int i = 1; i < track.size(); i++) {
                assertTrue(track.get(i)[1] > track.get(i - 1)[1], "DTS forward at " + i + " of PID, across the loop");
            }
        }
        assertEquals(movie.length90(), video.get(25)[1] - video.get(0)[1], "a round later by the file's length");
        assertEquals(movie.length90(), video.get(50)[1] - video.get(25)[1]);
        assertTrue(video.get(0)[1] >= Mp4TsRemuxer.START - 90_000, "the clock starts well above 0: " + video.get(0)[1]);
    }
}
