package org.openstreamer.connector.ingest.file;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstreamer.connector.demux.mp4.Mp4Fixtures;
import org.openstreamer.connector.demux.ts.TsDemuxListener;
import org.openstreamer.connector.demux.ts.TsDemuxer;
import org.openstreamer.connector.demux.ts.TsTrack;
import org.openstreamer.connector.ingest.pull.PullUrl;
import org.openstreamer.connector.ingest.pull.TsInput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code file://} of an MP4 file: chosen by its content, paced in real time, looped, refusals with reasons. */
class Mp4FileInputTest {

    @TempDir
    Path dir;
    private String before;

    @BeforeEach
    void folder() throws IOException {
        before = System.getProperty(FileFolder.PROPERTY);
        System.setProperty(FileFolder.PROPERTY, dir.toString());
        Files.createDirectories(dir.resolve("vod"));
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(FileFolder.PROPERTY);
        } else {
            System.setProperty(FileFolder.PROPERTY, before);
        }
    }

    @Test
    void playsInALoopInRealTime() throws Exception {
        Files.copy(Mp4Fixtures.path("h264_aac.mp4"), dir.resolve("vod/clip.mp4"));
        List<Long> videoDts = new ArrayList<>();
        TsDemuxer demuxer = new TsDemuxer(new TsDemuxListener() {
            @Override
            public void onPacket(byte[] buf, int off, int pid) {
            }

            @Override
            public void onTracks(List<TsTrack> tracks) {
            }

            @Override
            public void onFrame(long firstPacketIndex, TsTrack track, long pts, long dts, boolean keyframe) {
                if (track.pid() == 0x100) {
                    videoDts.add(dts);
                }
            }
        });
        long start = System.currentTimeMillis();
        try (TsInput in = FileInput.open(PullUrl.parse("file://vod/clip.mp4"))) {
            assertInstanceOf(Mp4FileInput.class, in);
            byte[] buf = new byte[188 * 100];
            while (System.currentTimeMillis() - start < 2500) {
                int n = in.read(buf, 0, buf.length);
                assertEquals(0, n % 188);
                demuxer.feed(buf, 0, n);
            }
        }
        // 2.5 s of a 1 s file at 25 fps: about 62 pictures, not the thousands an unpaced reader would give
        assertTrue(videoDts.size() >= 55 && videoDts.size() <= 66, "pictures: " + videoDts.size());
        for (int i = 1; i < videoDts.size(); i++) {
            long step = videoDts.get(i) - videoDts.get(i - 1);
            if (i % 25 == 0) { // a round is as long as the longest track: the audio, 1024-sample frames past 1 s
                assertTrue(step >= 3600 && step < 7200, "forward at the loop point, by less than a picture more: " + step);
            } else {
                assertEquals(3600, step, "one steady clock at " + i);
            }
        }
    }

    @Test
    void refusesWhatItCannotPlayWithTheReason() throws Exception {
        Files.copy(Mp4Fixtures.path("h264_mp3.mp4"), dir.resolve("vod/mp3.mp4"));
        byte[] ok = Mp4Fixtures.bytes("h264_aac.mp4");
        Files.write(dir.resolve("vod/cut.mp4"), Arrays.copyOf(ok, ok.length / 2));
        Files.write(dir.resolve("vod/movie.mkv"), new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, 0, 0, 0, 0});
        String[][] cases = {
                {"file://vod/mp3.mp4", "the MP4 file vod/mp3.mp4 cannot be played: the audio codec MP3"},
                {"file://vod/cut.mp4", "truncated"},
                {"file://vod/movie.mkv", "not MPEG-TS (file:// plays MPEG-TS and MP4 files)"},
        };
        for (String[] c : cases) {
            IOException e = assertThrows(IOException.class, () -> FileInput.open(PullUrl.parse(c[0])));
            assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
        }
    }
}
