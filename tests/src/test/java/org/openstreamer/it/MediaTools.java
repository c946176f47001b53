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
        return new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-stream_loop", "-1",
                "-i", fixture().toString(), "-c", "copy", "-f", "mpegts", srtUrl)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Runs a command to completion within the limit; returns its output. */
    static String run(List<String> command, int seconds) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out;
        try {
            out = p.getInputStream().readAllBytes();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out: " + command);
            }
        } finally {
            p.destroyForcibly();
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("exit " + p.exitValue() + " from " + command + ":\n" + text);
        }
        return text;
    }

    /** ffprobe's JSON (format and streams) of a file or URL. */
    static JsonObject probe(String input) throws Exception {
        String json = run(List.of("ffprobe", "-v", "error", "-print_format", "json", "-show_format",
                "-show_streams", input), 60);
        try (JsonReader r = Json.createReader(new StringReader(json))) {
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
