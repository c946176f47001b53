package org.openstreamer.connector.mux.ts;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.demux.ts.TsFixtures;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** ffprobe, an independent demuxer and decoder, reads the muxer's output without a complaint. */
class TsMuxerFfprobeTest {

    private static final Path DIR = Path.of("target", "mux-out");

    @Test
    void annexBAndAdtsInput() throws IOException {
        List<MuxTrack> tracks = List.of(MuxTrack.of(0x100, MuxCodec.H264), MuxTrack.of(0x101, MuxCodec.AAC));
        List<AccessUnits.Unit> units = AccessUnits.of(TsFixtures.bytes("h264_aac")).units;
        assertEquals("codec_name=h264|nb_read_frames=250\ncodec_name=aac|nb_read_frames=" + count(units, 0x101),
                probe("annexb_adts.ts", AccessUnits.mux(tracks, units)));
    }

    @Test
    void lengthPrefixedAndRawAacInput() throws IOException {
        TsMuxerConversionTest.Converted video = TsMuxerConversionTest.video("h264_aac", MuxCodec.H264, 4);
        TsMuxerConversionTest.Converted audio = TsMuxerConversionTest.rawAac();
        // interleaved as the fixture had them
        List<AccessUnits.Unit> order = AccessUnits.of(TsFixtures.bytes("h264_aac")).units;
        int v = 0;
        int a = 0;
        List<AccessUnits.Unit> units = new ArrayList<>();
        for (AccessUnits.Unit u : order) {
            units.add(u.pid() == 0x100 ? video.prefixed().get(v++) : audio.prefixed().get(a++));
        }
        assertEquals("codec_name=h264|nb_read_frames=250\ncodec_name=aac|nb_read_frames=" + a,
                probe("avcc_raw_aac.ts", AccessUnits.mux(List.of(video.track(), audio.track()), units)));
    }

    @Test
    void hevcFromHvcc() throws IOException {
        TsMuxerConversionTest.Converted video = TsMuxerConversionTest.video("h265_mp3", MuxCodec.H265, 4);
        assertEquals("codec_name=hevc|nb_read_frames=250",
                probe("hvcc.ts", AccessUnits.mux(List.of(video.track()), video.prefixed())));
    }

    private static long count(List<AccessUnits.Unit> units, int pid) {
        return units.stream().filter(u -> u.pid() == pid).count();
    }

    /**
     * Decodes every frame of {@code ts}: each stream's codec and frame count, a line each. Fails
     * on any message ffprobe prints at level error (damaged packets, undecodable frames) and on a
     * child that does not end within two minutes.
     */
    static String probe(String name, byte[] ts) throws IOException {
        Files.createDirectories(DIR);
        Path file = DIR.resolve(name);
        Files.write(file, ts);
        Path out = DIR.resolve(name + ".out");
        Path err = DIR.resolve(name + ".err");
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-count_frames", "-show_entries",
                "stream=codec_name,nb_read_frames", "-of", "compact=p=0", file.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                fail("ffprobe did not end within 2 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            p.destroyForcibly();
        }
        String errors = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), errors);
        assertEquals("", errors.strip(), "ffprobe complained");
        // the streams, then the same streams again under their program
        return Files.readString(out, StandardCharsets.UTF_8).strip().split("\n\n")[0];
    }
}
