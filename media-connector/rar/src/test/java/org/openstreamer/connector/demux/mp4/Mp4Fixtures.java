package org.openstreamer.connector.demux.mp4;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Small MP4 and QuickTime files made by the local ffmpeg from lavfi sources, kept in
 * {@code target/mp4-fixtures} and reused across tests. Public for the file input and backup tests.
 */
public final class Mp4Fixtures {

    static final Path DIR = Path.of("target", "mp4-fixtures");

    private static final List<String> SOURCES = List.of("-f", "lavfi", "-i", "testsrc2=size=64x64:rate=25:duration=1",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=1");
    private static final List<String> X264 = List.of("-c:v", "libx264", "-preset", "veryfast", "-g", "12", "-sc_threshold", "0", "-bf", "2");

    /** Name to ffmpeg output arguments (after the sources); 1 s, 25 fps, a keyframe every 12 pictures, B-frames. */
    private static final Map<String, List<String>> RECIPES = Map.of(
            "h264_aac.mp4", concat(X264, List.of("-c:a", "aac", "-b:a", "32k")), // moov after mdat: ffmpeg's default
            "h264_aac_faststart.mp4", concat(X264, List.of("-c:a", "aac", "-b:a", "32k", "-movflags", "+faststart")),
            "h264_aac.mov", concat(X264, List.of("-c:a", "aac", "-b:a", "32k", "-f", "mov")),
            "h265_aac.mp4", List.of("-c:v", "libx265", "-preset", "ultrafast", "-tag:v", "hvc1",
                    "-x265-params", "keyint=12:min-keyint=12:scenecut=0:log-level=error", "-c:a", "aac", "-b:a", "32k"),
            "h264_mp3.mp4", concat(X264, List.of("-c:a", "libmp3lame", "-b:a", "32k")),
            "h264_fragmented.mp4", concat(X264, List.of("-c:a", "aac", "-movflags", "frag_keyframe+empty_moov")),
            "video_only.mp4", concat(X264, List.of("-an")));

    private Mp4Fixtures() {
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The fixture's path, made on first use. */
    public static synchronized Path path(String name) {
        Path file = DIR.resolve(name);
        if (Files.exists(file)) {
            return file;
        }
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y"));
        cmd.addAll(SOURCES);
        cmd.addAll(RECIPES.get(name));
        Path tmp = DIR.resolve("tmp-" + name);
        cmd.add(tmp.toString());
        run(cmd);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command; its output, if it fails. */
    public static String run(List<String> cmd) {
        try {
            Files.createDirectories(DIR);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail(cmd + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
