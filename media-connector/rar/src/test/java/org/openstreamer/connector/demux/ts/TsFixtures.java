package org.openstreamer.connector.demux.ts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Transport streams made by the local ffmpeg from lavfi sources, kept in {@code target/ts-fixtures}
 * and reused across tests, and what ffprobe says about them. Public for the tests of the buffer
 * and packagers, which read the same fixtures.
 */
public final class TsFixtures {

    static final Path DIR = Path.of("target", "ts-fixtures");

    /** Video source arguments: testsrc2 at 25 fps for the given seconds. */
    static List<String> video(int width, int height, int seconds) {
        return List.of("-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=25:duration=" + seconds);
    }

    static List<String> sine(int sampleRate, int seconds) {
        return List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=" + sampleRate + ":duration=" + seconds);
    }

    static final List<String> X264 = List.of("-c:v", "libx264", "-preset", "veryfast", "-g", "50", "-sc_threshold", "0");
    static final List<String> X265 = List.of("-c:v", "libx265", "-preset", "ultrafast",
            "-x265-params", "keyint=50:min-keyint=50:scenecut=0:log-level=error");
    /** One audio frame per PES, so frame counts compare with ffprobe's packets. */
    static final List<String> TS = List.of("-pes_payload_size", "0", "-f", "mpegts");

    static final Map<String, List<String>> RECIPES = new HashMap<>();

    static {
        recipe("h264_aac", concat(video(640, 360, 10), sine(48000, 10), X264,
                List.of("-c:a", "aac", "-ac", "2", "-b:a", "128k", "-metadata:s:a:0", "language=eng"), TS));
        recipe("h265_mp3", concat(video(640, 360, 10), sine(44100, 10), X265,
                List.of("-c:a", "libmp3lame", "-ac", "1", "-b:a", "96k"), TS));
        recipe("h264_ac3", concat(video(1280, 720, 6), sine(48000, 6), X264,
                List.of("-c:a", "ac3", "-ac", "6", "-b:a", "384k"), TS));
        recipe("h264_ac3_dvb", concat(video(320, 240, 4), sine(48000, 4), X264,
                List.of("-c:a", "ac3", "-ac", "2", "-b:a", "192k", "-mpegts_flags", "system_b",
                        "-metadata:s:a:0", "language=deu"), TS));
        recipe("wrap", concat(video(640, 360, 10), sine(48000, 10), X264,
                List.of("-c:a", "aac", "-ac", "2", "-output_ts_offset", "95440"), TS));
        recipe("pmt_v0", concat(video(320, 240, 8), sine(48000, 8), X264,
                List.of("-c:a", "aac", "-tables_version", "0"), TS));
        recipe("pmt_v1", concat(video(320, 240, 8), sine(44100, 8), X264,
                List.of("-c:a", "libmp3lame", "-tables_version", "1"), TS));
        // Two renditions of one picture in one program (PCR on the first), as an ABR encoder sends them.
        recipe("h264_two_renditions_aac", concat(video(640, 360, 10), sine(48000, 10),
                List.of("-filter_complex", "[0:v]split=2[hi][src];[src]scale=320:180[lo]",
                        "-map", "[hi]", "-map", "[lo]", "-map", "1:a"), X264,
                List.of("-c:a", "aac", "-b:a", "96k"), TS));
        recipe("short", concat(video(320, 240, 3), sine(48000, 3), X264, List.of("-c:a", "aac"), TS));
        recipe("throughput", concat(video(1280, 720, 20), sine(48000, 20),
                List.of("-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-b:v", "5M", "-maxrate", "5M",
                        "-bufsize", "5M", "-c:a", "aac", "-b:a", "128k"), TS));
    }

    private TsFixtures() {
    }

    static void recipe(String name, List<String> args) {
        RECIPES.put(name, args);
    }

    @SafeVarargs
    static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> p : parts) {
            all.addAll(p);
        }
        return all;
    }

    /** The named fixture, made on first use. */
    public static synchronized Path path(String name) {
        List<String> args = RECIPES.get(name);
        if (args == null) {
            throw new IllegalArgumentException(name);
        }
        return make(name + ".ts", args);
    }

    static synchronized Path make(String fileName, List<String> args) {
        Path out = DIR.resolve(fileName);
        if (Files.isRegularFile(out)) {
            return out;
        }
        try {
            Files.createDirectories(DIR);
            Path tmp = DIR.resolve(fileName + ".part");
            List<String> cmd = concat(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y"), args,
                    List.of(tmp.toString()));
            run(cmd);
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One packet as ffprobe's demuxer returns it. */
    public record ProbePacket(int streamIndex, int size, boolean key, long pts, long dts) {
    }

    /** One stream as ffprobe sees it; {@code pid} from its id. */
    public record ProbeStream(int index, int pid, String codec, int width, int height, int sampleRate, int channels) {
    }

    public static List<ProbePacket> probePackets(Path file) {
        List<ProbePacket> out = new ArrayList<>();
        for (Map<String, String> m : probe(file, "packet=stream_index,size,flags,pts,dts", "-show_packets")) {
            out.add(new ProbePacket(Integer.parseInt(m.get("stream_index")), Integer.parseInt(m.get("size")),
                    m.get("flags").startsWith("K"), number(m.get("pts")), number(m.get("dts"))));
        }
        return out;
    }

    public static List<ProbeStream> probeStreams(Path file) {
        List<ProbeStream> out = new ArrayList<>();
        for (Map<String, String> m : probe(file, "stream=index,id,codec_name,width,height,sample_rate,channels",
                "-show_streams")) {
            if (out.stream().anyMatch(s -> s.index() == Integer.parseInt(m.get("index")))) {
                continue; // listed again under the program
            }
            out.add(new ProbeStream(Integer.parseInt(m.get("index")), Integer.decode(m.get("id")), m.get("codec_name"),
                    (int) number(m.get("width")), (int) number(m.get("height")), (int) number(m.get("sample_rate")),
                    (int) number(m.get("channels"))));
        }
        return out;
    }

    private static long number(String s) {
        return s == null || s.isEmpty() || s.equals("N/A") ? -1 : Long.parseLong(s);
    }

    private static List<Map<String, String>> probe(Path file, String entries, String unused) {
        String text = run(List.of("ffprobe", "-v", "error", "-show_entries", entries, "-of", "compact=p=0",
                file.toString()));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, String> m = new HashMap<>();
            for (String kv : line.split("\\|")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    m.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
            rows.add(m);
        }
        return rows;
    }

    /**
     * Runs a command to its end within 5 minutes and returns its standard output; fails on a non-zero
     * exit (with its standard error). Both outputs go to files rather than pipes, so a child that hangs
     * with them open is killed at the deadline and the test fails instead of blocking the build.
     */
    public static String run(List<String> cmd) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("process-", ".out");
            err = Files.createTempFile("process-", ".err");
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                if (!p.waitFor(5, TimeUnit.MINUTES)) {
                    fail("no end within 5 minutes, killed: " + cmd + "\n" + Files.readString(err, StandardCharsets.ISO_8859_1));
                }
            } finally {
                p.destroyForcibly();
            }
            if (p.exitValue() != 0) {
                fail(cmd + " exited " + p.exitValue() + ": " + Files.readString(err, StandardCharsets.ISO_8859_1));
            }
            return new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            for (Path f : new Path[] {out, err}) {
                if (f != null) {
                    try {
                        Files.deleteIfExists(f);
                    } catch (IOException ignored) {
                        // a temporary file left behind
                    }
                }
            }
        }
    }
}
