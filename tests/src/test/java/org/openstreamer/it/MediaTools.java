package org.openstreamer.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real peers of the end-to-end tests: Debian's ffmpeg, ffprobe and srt-live-transmit. Every
 * process is bounded in time and killed when the test is done with it.
 */
final class MediaTools {

    /** 20 s of 640x360 H.264 (keyframe every 2 s at 25 fps) with AAC, made once per build. */
    static final Path FIXTURE = Path.of("target", "fixtures", "testsrc-640x360-gop2s.ts").toAbsolutePath();

    private MediaTools() {
    }

    static synchronized Path fixture() throws Exception {
        if (!Files.exists(FIXTURE)) {
            Files.createDirectories(FIXTURE.getParent());
            Path tmp = FIXTURE.resolveSibling("tmp-" + FIXTURE.getFileName());
            run(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                    "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25",
                    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                    "-t", "20", "-c:v", "libx264", "-preset", "veryfast", "-g", "50", "-keyint_min", "50",
                    "-sc_threshold", "0", "-b:v", "1500k", "-c:a", "aac", "-b:a", "96k",
                    "-f", "mpegts", tmp.toString()), 120);
            Files.move(tmp, FIXTURE);
        }
        return FIXTURE;
    }

    /** {@code ffmpeg -re} looping the fixture into an SRT URL, until stopped. */
    static Process publish(String srtUrl) throws Exception {
        return publish(srtUrl, ProcessBuilder.Redirect.DISCARD);
    }

    /** As {@link #publish(String)}, with ffmpeg's (and libsrt's) messages written to {@code log}. */
    static Process publish(String srtUrl, Path log) throws Exception {
        return publish(srtUrl, ProcessBuilder.Redirect.to(log.toFile()));
    }

    /** {@code ffmpeg -re} looping the fixture as MPEG-TS to an output given by {@code outputArgs} (options, then the URL). */
    static Process publishTs(String... outputArgs) throws Exception {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-re",
                "-stream_loop", "-1", "-i", fixture().toString(), "-c", "copy", "-f", "mpegts"));
        command.addAll(List.of(outputArgs));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static Process publish(String srtUrl, ProcessBuilder.Redirect output) throws Exception {
        return new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-stream_loop", "-1",
                "-i", fixture().toString(), "-c", "copy", "-f", "mpegts", srtUrl)
                .redirectErrorStream(true).redirectOutput(output).start();
    }

    /**
     * {@code ffmpeg -re} looping the fixture into an RTMP URL as FLV (H.264 and AAC copied), until
     * stopped; its messages go to {@code log}.
     */
    static Process publishFlv(String rtmpUrl, Path log) throws Exception {
        return new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-stream_loop", "-1",
                "-i", fixture().toString(), "-c", "copy", "-f", "flv", rtmpUrl)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
    }

    /**
     * {@code ffmpeg -re} looping {@code input} (tracks copied) to {@code url} as {@code format}
     * ({@code mpegts}, {@code flv}), until stopped; its messages are appended to {@code log}.
     */
    static Process loop(Path input, String format, String url, Path log) throws IOException {
        return new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-stream_loop", "-1",
                "-i", input.toString(), "-c", "copy", "-f", format, url)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Runs a command to completion within the limit; returns its output (standard error included). */
    static String run(List<String> command, int seconds) throws Exception {
        Result r = exec(new ProcessBuilder(command).redirectErrorStream(true), seconds);
        if (r.exit() != 0) {
            throw new IllegalStateException("exit " + r.exit() + " from " + command + ":\n" + r.output());
        }
        return r.output();
    }

    /** How a process ended: its exit code and its standard output. */
    record Result(int exit, String output) {
    }

    /**
     * Starts a process and waits for its end within the limit, then kills it whatever happened. Its
     * standard output goes to a file, not a pipe read to the end, so a child that hangs with its
     * output open fails the test after the limit instead of blocking it; an unread standard error is
     * discarded so that it cannot fill up and stall the child.
     */
    static Result exec(ProcessBuilder builder, int seconds) throws Exception {
        Path out = Files.createTempFile("process-", ".out");
        try {
            builder.redirectOutput(out.toFile());
            if (!builder.redirectErrorStream() && builder.redirectError() == ProcessBuilder.Redirect.PIPE) {
                builder.redirectError(ProcessBuilder.Redirect.DISCARD);
            }
            Process p = builder.start();
            try {
                if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("no end within " + seconds + " s, killed: " + builder.command()
                            + "\n" + new String(Files.readAllBytes(out), StandardCharsets.UTF_8));
                }
            } finally {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            return new Result(p.exitValue(), new String(Files.readAllBytes(out), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** ffprobe's JSON (format and streams) of a file or URL. */
    static JsonObject probe(String input) throws Exception {
        // Standard error kept apart: a decoder's warning (a segment whose first picture comes
        // before its SPS, say) is not part of the JSON.
        List<String> command = List.of("ffprobe", "-v", "error", "-print_format", "json", "-show_format",
                "-show_streams", input);
        Result probed = exec(new ProcessBuilder(command), 60);
        if (probed.exit() != 0) {
            throw new IllegalStateException("exit " + probed.exit() + " from " + command);
        }
        try (JsonReader r = Json.createReader(new StringReader(probed.output()))) {
            return r.readObject();
        }
    }

    static void stop(Process p) {
        if (p != null) {
            p.destroy();
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }

    /** The video stream of an ffprobe result, or null. */
    static JsonObject video(JsonObject probe) {
        return probe.getJsonArray("streams").getValuesAs(JsonObject.class).stream()
                .filter(s -> "video".equals(s.getString("codec_type"))).findFirst().orElse(null);
    }

    /** Segment URIs of a media playlist, in order. */
    static List<String> segmentUris(String playlist) {
        List<String> uris = new ArrayList<>();
        playlist.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(uris::add);
        return uris;
    }

    static Path write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }
}
