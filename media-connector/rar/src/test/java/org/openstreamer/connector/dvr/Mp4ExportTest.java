package org.openstreamer.connector.dvr;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openstreamer.connector.demux.ts.TsFixtures;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MP4 exports of real archive-like segments (ffmpeg cuts a 12 s H.264 + AAC stream into 2 s
 * keyframe-aligned TS files), checked with ffprobe and by reading the MP4's top-level boxes.
 */
class Mp4ExportTest {

    static final Path DIR = Path.of("target", "mp4-export-test").toAbsolutePath();
    static final long BASE = 1_764_928_800_000L; // 2025-12-05T10:00:00Z
    static List<ArchiveSegment> segments;

    @BeforeAll
    static void segments() throws Exception {
        Files.createDirectories(DIR);
        Path source = DIR.resolve("source.ts");
        if (!Files.exists(DIR.resolve("seg005.ts"))) {
            run("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25",
                    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "12", "-c:v", "libx264",
                    "-preset", "veryfast", "-g", "50", "-keyint_min", "50", "-sc_threshold", "0", "-c:a", "aac",
                    "-f", "mpegts", source.toString());
            run("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", source.toString(), "-c", "copy", "-f", "segment",
                    "-segment_time", "2", "-segment_format", "mpegts", DIR.resolve("seg%03d.ts").toString());
        }
        segments = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            segments.add(new ArchiveSegment(DIR.resolve(String.format("seg%03d.ts", i)), BASE + 2000L * i, 2000));
        }
    }

    /** Standard output of a command run within a deadline (see {@link TsFixtures#run}). */
    static String run(String... cmd) {
        return TsFixtures.run(List.of(cmd));
    }

    static double duration(Path file) throws Exception {
        return Double.parseDouble(run("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
                file.toString()).trim());
    }

    static String streams(Path file) throws Exception {
        return run("ffprobe", "-v", "error", "-show_entries", "stream=codec_name,width,height", "-of", "csv=p=0", file.toString());
    }

    static List<String> boxes(Path file) throws IOException {
        byte[] mp4 = Files.readAllBytes(file);
        List<String> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(mp4);
        while (b.remaining() >= 8) {
            long size = Integer.toUnsignedLong(b.getInt(b.position()));
            out.add(new String(mp4, b.position() + 4, 4, StandardCharsets.US_ASCII));
            if (size < 8 || size > b.remaining()) {
                break;
            }
            b.position(b.position() + (int) size);
        }
        return out;
    }

    @Test
    void theWholeRangeIsOneMp4WithItsMoovFirst() throws Exception {
        Path out = DIR.resolve("whole.mp4");
        Mp4Export.Result r = Mp4Export.export(segments, BASE, BASE + 12_000, false, out);
        assertEquals(Files.size(out), r.bytes());
        assertEquals(12.0, duration(out), 0.2);
        String s = streams(out);
        assertTrue(s.contains("h264,640,360") && s.contains("aac"), s);
        List<String> boxes = boxes(out);
        assertEquals("ftyp", boxes.get(0), boxes.toString());
        assertTrue(boxes.indexOf("moov") < boxes.indexOf("mdat"), boxes.toString());
    }

    @Test
    void aSubRangeIsCutToTheSegmentOrToTheFrame() throws Exception {
        Path whole = DIR.resolve("segments.mp4");
        Mp4Export.export(segments, BASE + 3000, BASE + 7500, false, whole);
        assertEquals(6.0, duration(whole), 0.2, "segments 2 s to 8 s");
        Path exact = DIR.resolve("exact.mp4");
        Mp4Export.export(segments, BASE + 3000, BASE + 7500, true, exact);
        assertEquals(4.5, duration(exact), 0.15);
        assertTrue(streams(exact).contains("h264"));
    }

    @Test
    void aGapIsClosedUp() throws Exception {
        List<ArchiveSegment> withGap = new ArrayList<>(segments);
        withGap.remove(3);
        Path out = DIR.resolve("gap.mp4");
        Mp4Export.export(withGap, BASE, BASE + 12_000, false, out);
        assertEquals(10.0, duration(out), 0.2);
    }

    @Test
    void nothingInRangeIsAnErrorAndLeavesNoFile() {
        Path out = DIR.resolve("none.mp4");
        IOException e = assertThrows(IOException.class, () -> Mp4Export.export(segments, BASE + 60_000, BASE + 70_000, false, out));
        assertTrue(e.getMessage().contains("no archive"), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void anUnreadableSegmentIsLeftOut() throws Exception {
        Path garbage = DIR.resolve("garbage.ts");
        byte[] noise = new byte[300_000];
        new Random(7).nextBytes(noise);
        Files.write(garbage, noise);
        List<ArchiveSegment> list = new ArrayList<>(segments);
        list.set(2, new ArchiveSegment(garbage, BASE + 4000, 2000));
        Path out = DIR.resolve("garbage.mp4");
        Mp4Export.export(list, BASE, BASE + 12_000, false, out);
        assertEquals(10.0, duration(out), 0.2);
        Path none = DIR.resolve("only-garbage.mp4");
        assertThrows(IOException.class, () -> Mp4Export.export(List.of(new ArchiveSegment(garbage, BASE, 2000)), BASE, BASE + 2000,
                false, none));
        assertFalse(Files.exists(none));
    }
}
