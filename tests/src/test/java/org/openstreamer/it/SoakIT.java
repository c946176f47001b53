package org.openstreamer.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CI soak (issue 15): two minutes of mixed load on the shared server. Four ffmpeg publishers over
 * SRT and one over RTMP loop a small 320x180 file (about 250 kbit/s) in real time, each stream
 * recorded with a DVR depth of 30-40 s, so retention deletes while it runs; 20 HLS viewers
 * ({@link LiveHlsViewers}) fetch every media sequence from their join on; two API clients
 * ({@link StreamSettingsChurn}) change the streams' settings and create and delete a scratch stream.
 *
 * <p>Checked at the end, all of them: no viewer missed a media sequence or met an HTTP or IO error or
 * a bad body; every viewer kept up; every API request answered 2xx with what was written; every
 * stream still publishing, no {@code publish_stopped}; DVR files written, no {@code dvr_write_failed},
 * retention deleted by depth; the server's threads within +{@value #THREAD_SLACK} and file descriptors
 * within +{@value #FD_SLACK} of a count taken after {@link #WARM_UP} under the full load (RSS is not
 * checked: see docs/reliability.md); no ERROR or SEVERE line in the server log of the run but those
 * of {@link #EXPECTED_ERRORS}. {@code bench/soak/run.sh} is the long version, run by hand.
 * UDP ports 20401-20404 are this test's.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(90)
class SoakIT {

    private static final Path WORK = Path.of("target", "soak-it").toAbsolutePath();
    private static final Path DVR_ROOT = WORK.resolve("dvr");
    /** 10 s of 320x180 H.264 (a keyframe every 2 s) and mono AAC at about 250 kbit/s, made once per build. */
    private static final Path INPUT = Path.of("target", "fixtures", "soak-320x180-250k.ts").toAbsolutePath();
    private static final int SRT_PUBLISHERS = 4;
    private static final int RTMP_PUBLISHERS = 1;
    private static final int FIRST_SRT_PORT = 20401;
    private static final int RTMP_PORT = 1935 + Integer.getInteger("it.port.offset", 100);
    private static final int VIEWERS = 20;
    private static final int API_CLIENTS = 2;
    private static final Duration LOAD = Duration.ofSeconds(120);
    private static final Duration WARM_UP = Duration.ofSeconds(30);
    /** 2 s segments, 10 in the playlist: a viewer delayed up to about 18 s still finds the segment it needs. */
    private static final int SEGMENT_SECONDS = 2;
    private static final int SEGMENT_COUNT = 10;
    private static final int THREAD_SLACK = 10;
    private static final int FD_SLACK = 30;
    private static final Pattern ERROR_LINE = Pattern.compile("^\\S+ \\S+ +(ERROR|SEVERE|FATAL) .*");
    /**
     * ERROR, SEVERE and FATAL lines the soak may leave in the server log, each with the reason it is
     * expected. Empty: nothing in this load should log an error; add a pattern here only with the
     * reason it is not a fault.
     */
    private static final List<Pattern> EXPECTED_ERRORS = List.of();

    /** A stream of the soak and how its publisher reaches it. */
    private record Published(String name, JsonObject settings, String format, String url) {
    }

    private static final List<Published> STREAMS = streams();
    private static final Map<String, Process> publishers = new LinkedHashMap<>();
    private static final List<StreamSettingsChurn> clients = new ArrayList<>();
    private static LiveHlsViewers viewers;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    private static List<Published> streams() {
        List<Published> all = new ArrayList<>();
        for (int i = 1; i <= SRT_PUBLISHERS; i++) {
            int port = FIRST_SRT_PORT + i - 1;
            all.add(new Published("soak-it-srt" + i, settings(Json.createObjectBuilder()
                    .add("port", port).add("latency", 500).build()), "mpegts", "srt://127.0.0.1:" + port));
        }
        for (int i = 1; i <= RTMP_PUBLISHERS; i++) {
            String name = "soak-it-rtmp" + i;
            all.add(new Published(name, settings(null), "flv", "rtmp://127.0.0.1:" + RTMP_PORT + "/static/" + name));
        }
        return List.copyOf(all);
    }

    private static JsonObject settings(JsonObject srtPublish) {
        var b = Json.createObjectBuilder()
                .add("inputs", Json.createArrayBuilder().add(Json.createObjectBuilder().add("url", "publish://")))
                .add("segment_duration", SEGMENT_SECONDS)
                .add("segment_count", SEGMENT_COUNT)
                .add("dvr", Json.createObjectBuilder().add("root", DVR_ROOT.toString())
                        .add("depth", StreamSettingsChurn.DEPTHS[0]));
        if (srtPublish != null) {
            b.add("srt_publish", srtPublish);
        }
        return b.build();
    }

    @AfterAll
    static void cleanUp() {
        List<String> problems = new ArrayList<>();
        for (StreamSettingsChurn c : clients) {
            quietly(problems, () -> c.stop(10));
        }
        if (viewers != null) {
            quietly(problems, () -> viewers.stop(Duration.ofSeconds(10)));
        }
        publishers.values().forEach(MediaTools::stop);
        for (String name : Stream.concat(STREAMS.stream().map(Published::name), scratchNames().stream()).toList()) {
            quietly(problems, () -> {
                HttpResponse<String> r = ConfigApi.admin("DELETE", ConfigApi.STREAMS + name + "?archive=delete", null);
                if (r.statusCode() != 204 && r.statusCode() != 404) {
                    problems.add("DELETE " + name + ": HTTP " + r.statusCode() + " " + r.body());
                }
                return null;
            });
        }
        quietly(problems, () -> {
            TestFiles.deleteTree(DVR_ROOT);
            return null;
        });
        if (!problems.isEmpty()) {
            System.out.println("SoakIT clean-up: " + String.join("; ", problems));
        }
    }

    private interface Step {
        Object run() throws Exception;
    }

    private static void quietly(List<String> problems, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            problems.add(e.toString());
        }
    }

    private static List<String> scratchNames() {
        return IntStream.rangeClosed(1, API_CLIENTS).mapToObj(c -> "soak-it-scratch" + c).toList();
    }

    @Test
    void twoMinutesOfMixedLoad() throws Exception {
        long began = System.nanoTime();
        Path input = input();
        TestFiles.deleteTree(WORK);
        Files.createDirectories(WORK);
        Path serverLog = Path.of(System.getProperty("it.server.log"));
        long logOffset = Files.size(serverLog);
        long pid = ServerProcess.pid();
        long eventsBefore = lastEventId();

        for (Published s : STREAMS) {
            HttpResponse<String> r = ConfigApi.putStream(s.name(), s.settings().toString());
            assertTrue(r.statusCode() == 201 || r.statusCode() == 200, s.name() + ": " + r.body());
        }
        allLive(input);
        long eventsLive = lastEventId();

        long loadStart = System.nanoTime();
        viewers = new LiveHlsViewers(STREAMS.stream().map(s -> "/" + s.name() + "/index.m3u8").toList(),
                VIEWERS, Duration.ofSeconds(5));
        for (int c = 1; c <= API_CLIENTS; c++) {
            int client = c;
            Map<String, JsonObject> own = IntStream.range(0, STREAMS.size()).filter(i -> i % API_CLIENTS == client - 1)
                    .mapToObj(STREAMS::get).collect(Collectors.toMap(Published::name, Published::settings));
            clients.add(new StreamSettingsChurn("soak-api-" + c, own, scratchNames().get(c - 1)));
        }
        sleepUntil(loadStart + WARM_UP.toNanos());
        ServerProcess.Usage before = ServerProcess.usage(pid, 3);
        sleepUntil(loadStart + LOAD.toNanos());
        ServerProcess.Usage after = ServerProcess.usage(pid, 3);
        List<StreamSettingsChurn.Tally> api = new ArrayList<>();
        for (StreamSettingsChurn c : clients) {
            api.add(c.stop(30));
        }
        long answered = api.stream().mapToLong(StreamSettingsChurn.Tally::answered).sum();
        long failed = api.stream().mapToLong(StreamSettingsChurn.Tally::failed).sum();
        List<String> apiFailures = api.stream().flatMap(t -> t.firstFailures().stream()).toList();
        LiveHlsViewers.Tally seen = viewers.stop(Duration.ofSeconds(30));
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

        Map<String, String> status = new LinkedHashMap<>();
        Map<String, Long> dvrFiles = new LinkedHashMap<>();
        for (Published s : STREAMS) {
            status.put(s.name(), streamStatus(s.name()));
            dvrFiles.put(s.name(), segmentFiles(DVR_ROOT.resolve(s.name())));
        }
        List<String> exited = publishers.entrySet().stream().filter(e -> !e.getValue().isAlive()).map(Map.Entry::getKey).toList();
        long publishStopped = events("publish_stopped", eventsLive, "");
        long writeFailed = events("dvr_write_failed", eventsBefore, "");
        long[] retention = {0};
        Deployments.eventually(Duration.ofSeconds(30), () -> (retention[0] =
                events("dvr_deleted_fragments", eventsBefore, " AND data->>'reason' = 'depth'")) > 0);
        List<String> errors = unexpectedErrors(serverLog, logOffset);
        LiveHlsViewers.Followed slowest = seen.perViewer().stream()
                .min((a, b) -> Double.compare(rate(a), rate(b))).orElseThrow();

        System.out.printf(Locale.ROOT, "== SoakIT: %.0f s of load: %d publishers (%d SRT, %d RTMP), %d HLS viewers,"
                        + " %d API clients; load average %s%n", loadSeconds, STREAMS.size(), SRT_PUBLISHERS,
                RTMP_PUBLISHERS, VIEWERS, API_CLIENTS, loadAverage());
        System.out.printf(Locale.ROOT, "viewers: %d segments (%.1f MB), %d playlists; %d missed, %d HTTP errors,"
                        + " %d IO errors, %d bad bodies, %d restarts; slowest viewer %d segments in %.0f s%n",
                seen.segments(), seen.bytes() / 1e6, seen.playlists(), seen.missed(), seen.httpErrors(), seen.ioErrors(),
                seen.badBodies(), seen.restarts(), slowest.segments(), slowest.millis() / 1e3);
        seen.firstErrors().forEach(e -> System.out.println("  viewer error: " + e));
        System.out.printf(Locale.ROOT, "API: %d requests answered 2xx, %d not%n", answered, failed);
        apiFailures.forEach(e -> System.out.println("  API failure: " + e));
        System.out.printf(Locale.ROOT, "server after %d s of warm-up: %s; at the end: %s (%+d threads, %+d fds)%n",
                WARM_UP.toSeconds(), before, after, after.threads() - before.threads(), after.fds() - before.fds());
        System.out.printf(Locale.ROOT, "streams: %s; publishers exited %s; publish_stopped %d%n", status, exited, publishStopped);
        System.out.printf(Locale.ROOT, "DVR: files %s; %d dvr_deleted_fragments by depth, %d dvr_write_failed%n",
                dvrFiles, retention[0], writeFailed);
        System.out.printf(Locale.ROOT, "server log: %d unexpected ERROR/SEVERE lines%n", errors.size());
        errors.stream().limit(10).forEach(e -> System.out.println("  " + e));
        System.out.printf(Locale.ROOT, "SoakIT took %.0f s from the fixture to the checks%n", (System.nanoTime() - began) / 1e9);

        assertAll(
                () -> assertTrue(seen.segments() > 0 && seen.missed() == 0,
                        "every viewer fetched every media sequence from its join on: " + seen.missed() + " missed"),
                () -> assertTrue(seen.httpErrors() == 0 && seen.ioErrors() == 0 && seen.badBodies() == 0,
                        "viewers: " + seen.httpErrors() + " HTTP errors, " + seen.ioErrors() + " IO errors, "
                                + seen.badBodies() + " bad bodies: " + seen.firstErrors()),
                () -> assertTrue(seen.restarts() == 0, "a media sequence went back: " + seen.firstErrors()),
                () -> assertTrue(rate(slowest) >= 0.5, "every viewer kept up (at least half of the segments"
                        + " made while it followed): " + slowest),
                () -> assertTrue(failed == 0 && answered > 0, failed + " API requests not answered 2xx: " + apiFailures),
                () -> assertTrue(status.values().stream().allMatch("publishing"::equals) && exited.isEmpty()
                                && publishStopped == 0,
                        "every stream still publishing: " + status + ", publishers exited " + exited
                                + ", publish_stopped " + publishStopped),
                () -> assertTrue(dvrFiles.values().stream().allMatch(n -> n > 0) && writeFailed == 0,
                        "every stream recorded: " + dvrFiles + ", dvr_write_failed " + writeFailed),
                () -> assertTrue(retention[0] > 0, "retention deleted segments older than the DVR depth"),
                () -> assertTrue(after.threads() - before.threads() <= THREAD_SLACK,
                        "threads grew by at most " + THREAD_SLACK + ": " + before + " -> " + after),
                () -> assertTrue(after.fds() - before.fds() <= FD_SLACK,
                        "file descriptors grew by at most " + FD_SLACK + ": " + before + " -> " + after),
                () -> assertTrue(errors.isEmpty(), "unexpected ERROR/SEVERE lines in the server log:\n"
                        + String.join("\n", errors)));
    }

    /** Segments fetched over those the stream made while the viewer followed it. */
    private static double rate(LiveHlsViewers.Followed f) {
        return f.millis() <= 0 ? 0 : f.segments() * SEGMENT_SECONDS * 1000.0 / f.millis();
    }

    /** Starts the publishers and waits until every stream lists two segments, starting again a publisher that ended. */
    private static void allLive(Path input) throws Exception {
        Map<String, Long> startedAt = new LinkedHashMap<>();
        Map<String, Integer> segments = new LinkedHashMap<>();
        boolean live = Deployments.eventually(Duration.ofSeconds(90), () -> {
            for (Published s : STREAMS) {
                Process p = publishers.get(s.name());
                // A publisher that came before the server listened on its port gives up; call again after 3 s.
                Long started = startedAt.get(s.name());
                if ((p == null || !p.isAlive()) && (started == null || System.nanoTime() - started > 3_000_000_000L)) {
                    publishers.put(s.name(), MediaTools.loop(input, s.format(), s.url(),
                            WORK.resolve("publisher-" + s.name() + ".log")));
                    startedAt.put(s.name(), System.nanoTime());
                }
                HttpResponse<String> r = Http.get("/" + s.name() + "/index.m3u8");
                segments.put(s.name(), r.statusCode() == 200 ? MediaTools.segmentUris(r.body()).size() : -r.statusCode());
            }
            return segments.values().stream().allMatch(n -> n >= 2);
        });
        assertTrue(live, "not every stream lists two segments (negative: the HTTP status): " + segments);
    }

    private static String streamStatus(String name) throws Exception {
        HttpResponse<String> r = ConfigApi.admin("GET", ConfigApi.STREAMS + name, null);
        if (r.statusCode() != 200) {
            return "HTTP " + r.statusCode();
        }
        return Http.object(r).getJsonObject("stats").getString("status", "none");
    }

    private static long lastEventId() throws Exception {
        return ConfigApi.count("SELECT coalesce(max(id), 0) FROM events");
    }

    /** Events of this type about the soak's streams after the event {@code since}. */
    private static long events(String type, long since, String condition) throws Exception {
        return ConfigApi.count("SELECT count(*) FROM events WHERE type = ? AND id > ? AND stream LIKE 'soak-it-%'"
                + condition, type, since);
    }

    /** Segment files under the folder; one that retention deletes while this counts is skipped, not an error. */
    private static long segmentFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        long[] files = {0};
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (file.getFileName().toString().endsWith(".ts")) {
                    files[0]++;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return files[0];
    }

    /** ERROR, SEVERE and FATAL lines written to the server log since {@code offset}, but the expected ones. */
    private static List<String> unexpectedErrors(Path log, long offset) throws IOException {
        String written;
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long from = f.length() >= offset ? offset : 0; // rotated meanwhile: the new file is all of the window
            byte[] bytes = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(bytes);
            written = new String(bytes, StandardCharsets.UTF_8);
        }
        return written.lines().filter(l -> ERROR_LINE.matcher(l).matches())
                .filter(l -> EXPECTED_ERRORS.stream().noneMatch(p -> p.matcher(l).find())).toList();
    }

    private static String loadAverage() {
        try {
            return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(Math.max(0, nanoTime - System.nanoTime()));
    }

    /** The publishers' input, made once per build. */
    private static synchronized Path input() throws Exception {
        if (!Files.exists(INPUT)) {
            Files.createDirectories(INPUT.getParent());
            Path tmp = INPUT.resolveSibling("tmp-" + INPUT.getFileName());
            MediaTools.run(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                    "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25",
                    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                    "-t", "10", "-c:v", "libx264", "-preset", "veryfast", "-g", "50", "-keyint_min", "50",
                    "-sc_threshold", "0", "-b:v", "200k", "-maxrate", "250k", "-bufsize", "500k",
                    "-c:a", "aac", "-ac", "1", "-b:a", "48k", "-f", "mpegts", tmp.toString()), 120);
            Files.move(tmp, INPUT);
        }
        return INPUT;
    }
}
