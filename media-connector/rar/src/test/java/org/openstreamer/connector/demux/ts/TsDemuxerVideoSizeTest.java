package org.openstreamer.connector.demux.ts;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Picture sizes the SPS parsers read from real encoder output: odd sizes, chroma formats, fields. */
class TsDemuxerVideoSizeTest {

    @ParameterizedTest(name = "{0} {1} {2}x{3}")
    @CsvSource({
        "libx264, yuv420p,     850,  478, ''",
        "libx264, yuv420p,     1920, 1080, ''",
        "libx264, yuv422p,     854,  477, ''",
        "libx264, yuv444p,     853,  479, ''",
        "libx264, yuv420p,     720,  540, -flags +ildct+ilme",
        "libx265, yuv420p,     850,  478, ''",
        "libx265, yuv444p,     853,  479, ''",
        "libx265, yuv422p10le, 854,  477, ''",
        "libx265, gray,        641,  361, ''",
    })
    void sizeMatchesTheEncoderInput(String encoder, String pixFmt, int width, int height, String extra) throws Exception {
        String name = String.join("_", "size", encoder, pixFmt, width + "x" + height, extra.isEmpty() ? "p" : "i") + ".ts";
        // testsrc2 makes 4:2:0 at even sizes only: convert first, then crop to the odd size
        List<String> args = TsFixtures.concat(TsFixtures.video((width + 1) & ~1, (height + 1) & ~1, 1),
                List.of("-vf", "format=" + pixFmt + ",crop=" + width + ":" + height + ":0:0",
                        "-c:v", encoder, "-preset", "ultrafast", "-x265-params", "log-level=error"),
                extra.isEmpty() ? List.of() : List.of(extra.split(" ")), List.of("-f", "mpegts"));
        Path file = TsFixtures.make(name, args);
        TsFixtures.ProbeStream probed = TsFixtures.probeStreams(file).get(0);
        assertEquals(List.of(width, height), List.of(probed.width(), probed.height()), "ffmpeg made what was asked");
        RecordingListener l = RecordingListener.demux(Files.readAllBytes(file));
        TsTrack video = l.lastTracks().get(0);
        assertEquals(width, video.width());
        assertEquals(height, video.height());
        assertEquals(25, l.frames.size());
        assertTrue(l.frames.get(0).keyframe());
    }
}
