package org.openstreamer.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstreamer.it.ConfigApi.admin;
import static org.openstreamer.it.ConfigApi.count;

/**
 * The DVR end to end with real files, PostgreSQL and ffprobe: a publisher recorded with a gap,
 * then catch-up playlists, discontinuities, MP4 and MPEG-TS exports, timeshift, recording status,
 * a lost index rebuilt from the files, and retention by age, size and disk usage that spares a
 * locked range; a DVR that cannot write, while live playback goes on, until it can again; and the
 * archive of a deleted stream, kept but not served unless asked to go with it.
 * UDP ports 20160-20163 are this test's. The server runs with a simulated DVR disk of
 * {@code openstreamer.dvr.disk-capacity} bytes (arquillian.xml).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(62)
class DvrIT {

    static final Path ROOT = Path.of("target", "dvr-it").toAbsolutePath();
    static final String CAM = "dvr-cam";
    static final String DELAYED = "dvr-cam-delayed";
    static final String GONE = "dvr-gone";
    static final long DISK_CAPACITY = 10_000_000;
    private final List<Process> processes = new ArrayList<>();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @AfterEach
    void cleanUp() throws Exception {
        processes.forEach(MediaTools::stop);
        for (String s : List.of(CAM, DELAYED, "dvr-fail", GONE)) {
            admin("DELETE", ConfigApi.STREAMS + s, null);
        }
        admin("DELETE", PrefixApiIT.LIVE + "dvr-loc", null);
        admin("PUT", ConfigApi.CONFIG, "{}");
        try (var c = TestDatabase.connect(); var s = c.createStatement()) {
            s.executeUpdate("DELETE FROM dvr_segments WHERE stream LIKE 'dvr-%'");
            s.executeUpdate("DELETE FROM dvr_ranges WHERE stream LIKE 'dvr-%'");
            s.executeUpdate("DELETE FROM dvr_locks WHERE stream LIKE 'dvr-%'");
        }
    }

    private Process publish(int port) throws Exception {
        Process p = MediaTools.publish("srt://127.0.0.1:" + port);
        processes.add(p);
        return p;
    }

    private static List<Path> files(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(p -> p.toString().endsWith(".ts")).sorted().toList();
        }
    }

    private static long indexed(String stream) throws Exception {
        return count("SELECT count(*) FROM dvr_segments WHERE stream = ?", stream);
    }

    private static double duration(String input) throws Exception {
        return Double.parseDouble(MediaTools.probe(input).getJsonObject("format").getString("duration"));
    }

    private static HttpResponse<byte[]> bytes(String path) throws Exception {
        return Http.send(HttpRequest.newBuilder(Http.uri(path)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonArray ranges(long from) throws Exception {
        HttpResponse<String> r = Http.get("/" + CAM + "/recording_status.json?from=" + from + "&to=now&request=ranges,locks");
        assertEquals(200, r.statusCode(), r.body());
        return Http.array(r).getJsonObject(0).getJsonArray("ranges");
    }

    /** The top-level MP4 boxes in order. */
    private static List<String> boxes(byte[] mp4) {
        List<String> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(mp4);
        while (b.remaining() >= 8) {
            long size = Integer.toUnsignedLong(b.getInt(b.position()));
            out.add(new String(mp4, b.position() + 4, 4, java.nio.charset.StandardCharsets.US_ASCII));
            if (size == 1) {
                size = b.getLong(b.position() + 8);
            }
            if (size < 8 || size > b.remaining()) {
                break;
            }
            b.position(b.position() + (int) size);
        }
        return out;
    }

    private static String patch(String body) throws Exception {
        HttpResponse<String> r = admin("PATCH", ConfigApi.STREAMS + CAM, body);
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    /** A retention pass now (after the minute's own pass, should that one be running). */
    private static JsonObject retention() throws Exception {
        for (int i = 0; ; i++) {
            HttpResponse<String> r = admin("POST", "/streamer/api/v3/dvr/retention", null);
            assertEquals(200, r.statusCode(), r.body());
            JsonObject pass = Http.object(r);
            if (!pass.getBoolean("skipped") || i == 30) {
                return pass;
            }
            Thread.sleep(1000);
        }
    }

    @Test
    void aRecordingWithAGapPlaysBackExportsAndIsKeptWithinItsLimits() throws Exception {
        TestFiles.deleteTree(ROOT);
        long t0 = System.currentTimeMillis() / 1000;
        assertEquals(201, ConfigApi.putStream(CAM, "{\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":20160},"
                + "\"segment_duration\":2,\"dvr\":{\"root\":\"" + ROOT + "\"}}").statusCode());

        // 30 s of recording, a 12 s pause, 16 s more.
        Process first = publish(20160);
        Path folder = ROOT.resolve(CAM);
        assertTrue(Deployments.eventually(Duration.ofSeconds(40), () -> files(folder).size() >= 13), "not recording");
        MediaTools.stop(first);
        Thread.sleep(12_000);
        Process second = publish(20160);
        int before = files(folder).size();
        assertTrue(Deployments.eventually(Duration.ofSeconds(40), () -> files(folder).size() >= before + 7), "not recording again");
        MediaTools.stop(second);
        assertTrue(Deployments.eventually(Duration.ofSeconds(10), () -> indexed(CAM) == files(folder).size()),
                "the index lists every file");
        assertTrue(files(folder).stream().noneMatch(p -> p.toString().endsWith(".tmp")));

        // Two recorded ranges, the gap between them.
        JsonArray ranges = ranges(t0 - 60);
        assertEquals(2, ranges.size(), ranges.toString());
        long from = ranges.getJsonObject(0).getJsonNumber("from").longValue();
        long firstLength = ranges.getJsonObject(0).getJsonNumber("duration").longValue();
        long secondFrom = ranges.getJsonObject(1).getJsonNumber("from").longValue();
        assertTrue(firstLength >= 24 && firstLength <= 40, ranges.toString());
        assertTrue(secondFrom - (from + firstLength) >= 8, "the gap: " + ranges);
        JsonObject total = Http.object(Http.get("/" + CAM + "/recording_status.json")).getJsonObject(CAM);
        assertEquals(from, total.getJsonNumber("from").longValue());

        // A catch-up playlist of 12 s plays for 12 s, to a segment; every segment has its date.
        String range = "/" + CAM + "/index-" + (from + 6) + "-12.m3u8";
        String vod = Http.get(range).body();
        assertTrue(vod.contains("#EXT-X-PLAYLIST-TYPE:VOD") && vod.contains("#EXT-X-ENDLIST"), vod);
        assertEquals(MediaTools.segmentUris(vod).size(), vod.lines().filter(l -> l.startsWith("#EXT-X-PROGRAM-DATE-TIME:")).count());
        double d = duration(Http.uri(range).toString());
        assertTrue(d >= 10 && d <= 16.5, "catch-up duration " + d);
        String whole = Http.get("/" + CAM + "/archive-" + from + "-" + (secondFrom - from + 10) + ".m3u8").body();
        assertTrue(whole.contains("#EXT-X-DISCONTINUITY"), "the gap is a discontinuity: " + whole);

        // A constant-delay channel: timeshift:// replays the second recording into a live stream of its own.
        long delay = System.currentTimeMillis() / 1000 - secondFrom - 2;
        assertEquals(201, ConfigApi.putStream(DELAYED, "{\"inputs\":[{\"url\":\"timeshift://" + CAM + "/" + delay + "\"}],"
                + "\"segment_duration\":2}").statusCode());
        assertTrue(Deployments.eventually(Duration.ofSeconds(30),
                () -> MediaTools.segmentUris(Http.get("/" + DELAYED + "/index.m3u8").body()).size() >= 2), "the delayed stream plays");
        JsonObject delayedStats = ConfigApi.getStreamWithStats(DELAYED).getJsonObject("stats");
        assertEquals("timeshift://" + CAM + "/" + delay, delayedStats.getString("publisher"), delayedStats.toString());
        assertEquals(640, Http.object(Http.get("/" + DELAYED + "/media_info.json")).getInt("width"));
        admin("DELETE", ConfigApi.STREAMS + DELAYED, null);

        // A segment the live playlist named, long gone from memory, comes from the disk.
        String oldest = MediaTools.segmentUris(vod).get(0);
        HttpResponse<byte[]> seg = bytes("/" + CAM + "/" + oldest);
        assertEquals(200, seg.statusCode());
        assertEquals(Files.size(folder.resolve(oldest)), seg.body().length);

        // MP4 export: moov first, the right length; precise cuts to the frame.
        HttpResponse<byte[]> mp4 = bytes("/" + CAM + "/archive-" + (from + 6) + "-12.mp4");
        assertEquals(200, mp4.statusCode(), () -> new String(mp4.body()));
        List<String> boxes = boxes(mp4.body());
        assertTrue(boxes.indexOf("moov") >= 0 && boxes.indexOf("moov") < boxes.indexOf("mdat"), boxes.toString());
        Path mp4File = MediaTools.write(Path.of("target", "dvr-it-out", "range.mp4"), mp4.body());
        JsonObject probe = MediaTools.probe(mp4File.toString());
        assertTrue(probe.getJsonObject("format").getString("format_name").contains("mp4"), probe.toString());
        double mp4Duration = Double.parseDouble(probe.getJsonObject("format").getString("duration"));
        assertTrue(mp4Duration >= 10 && mp4Duration <= 16.5, "mp4 duration " + mp4Duration);
        Path precise = MediaTools.write(Path.of("target", "dvr-it-out", "precise.mp4"),
                bytes("/" + CAM + "/archive-" + (from + 6) + "-12.mp4?precise=true").body());
        assertEquals(12.0, duration(precise.toString()), 0.3, "precise export");
        Path ts = MediaTools.write(Path.of("target", "dvr-it-out", "range.ts"),
                bytes("/" + CAM + "/archive-" + (from + 6) + "-12.ts").body());
        assertEquals("h264", MediaTools.video(MediaTools.probe(ts.toString())).getString("codec_name"));
        assertEquals(501, Http.get("/" + CAM + "/archive-" + from + "-12.mpd").statusCode());
        assertEquals(404, Http.get("/" + CAM + "/index-" + (t0 - 3600) + "-60.m3u8").statusCode(), "no archive an hour ago");

        // Saved on the server, in the DVR folder: never over an existing file, absolute paths for admins only.
        HttpResponse<String> saved = admin("POST", "/" + CAM + "/save-mp4-" + (from + 6) + "-12?file=saved.mp4", "");
        assertEquals(200, saved.statusCode(), saved.body());
        assertTrue(Files.size(folder.resolve("saved.mp4")) > 100_000);
        assertEquals(409, admin("POST", "/" + CAM + "/save-mp4-" + (from + 6) + "-12?file=saved.mp4", "").statusCode());
        ConfigApi.createViewer();
        assertEquals(403, Http.send("POST", "/" + CAM + "/save-mp4-" + (from + 6) + "-12?file=/tmp/x.mp4",
                ConfigApi.VIEWER, ConfigApi.VIEWER_PASSWORD, "").statusCode());
        assertEquals(401, Http.send("POST", "/" + CAM + "/save-mp4-" + (from + 6) + "-12?file=x.mp4", null, null, "").statusCode());
        Files.delete(folder.resolve("saved.mp4"));

        // Timeshift: a live-like playlist from an instant, and MPEG-TS from it at real-time pace.
        String abs = Http.get("/" + CAM + "/timeshift_abs-" + (from + 4) + ".m3u8?token=it").body();
        assertFalse(MediaTools.segmentUris(abs).isEmpty(), abs);
        assertFalse(abs.contains("#EXT-X-ENDLIST"), abs);
        Path paced = Path.of("target", "dvr-it-out", "timeshift.ts");
        try (InputStream in = Http.openStream("/" + CAM + "/timeshift_abs/" + (from + 4));
             OutputStream out = Files.newOutputStream(paced)) {
            out.write(in.readNBytes(600_000));
        }
        assertEquals("h264", MediaTools.video(MediaTools.probe(paced.toString())).getString("codec_name"));

        // The index lost: rebuilt from the files, the same.
        long segments = indexed(CAM);
        TestDatabase.forgetDvrIndex(CAM);
        HttpResponse<String> reindexed = admin("POST", "/streamer/api/v3/dvr/" + CAM + "/reindex", null);
        assertEquals(200, reindexed.statusCode(), reindexed.body());
        assertEquals(segments, Http.object(reindexed).getInt("segments"));
        assertEquals(segments, indexed(CAM));
        assertEquals(ranges, ranges(t0 - 60));

        // Retention by age deletes the first recording but for its locked start.
        HttpResponse<String> locked = admin("POST", "/streamer/api/v3/dvr/" + CAM + "/lock",
                "{\"from\":" + from + ",\"duration\":4}");
        assertEquals(200, locked.statusCode(), locked.body());
        long lockedSegments = count("SELECT count(*) FROM dvr_segments WHERE stream = ? AND start_ms < ?", CAM, (from + 4) * 1000);
        long depth = System.currentTimeMillis() / 1000 - secondFrom + 2;
        patch("{\"dvr\":{\"root\":\"" + ROOT + "\",\"depth\":" + depth + "}}");
        retention();
        assertEquals(lockedSegments, count("SELECT count(*) FROM dvr_segments WHERE stream = ? AND start_ms < ?", CAM,
                secondFrom * 1000 - 1000), "only the locked segments of the first recording are left");
        assertEquals(indexed(CAM), files(folder).size(), "files and index agree");
        JsonArray after = ranges(t0 - 60);
        assertEquals(from, after.getJsonObject(0).getJsonNumber("from").longValue(), after.toString());
        assertTrue(after.getJsonObject(0).getJsonNumber("duration").longValue() <= 6, after.toString());
        assertTrue(count("SELECT count(*) FROM events WHERE type = 'dvr_deleted_fragments' AND stream = ?"
                + " AND data->>'reason' = 'depth'", CAM) >= 1);
        assertTrue(Http.get("/" + CAM + "/recording_status.json?from=" + from + "&to=now&request=locks").body()
                .contains("\"locks\":[{\"from\":" + from + ",\"duration\":4}]"));

        // By size: the archive (but the locked part) within storage_limit.
        long lockedBytes = count("SELECT coalesce(sum(bytes), 0) FROM dvr_segments WHERE stream = ? AND start_ms < ?", CAM,
                (from + 4) * 1000);
        long bytes = count("SELECT sum(bytes) FROM dvr_segments WHERE stream = ?", CAM);
        long limit = lockedBytes + (bytes - lockedBytes) / 2;
        patch("{\"dvr\":{\"root\":\"" + ROOT + "\",\"storage_limit\":" + limit + "}}");
        retention();
        assertTrue(count("SELECT sum(bytes) FROM dvr_segments WHERE stream = ?", CAM) <= limit);

        // By disk usage (a simulated disk of DISK_CAPACITY bytes): under disk_limit.
        long now = count("SELECT sum(bytes) FROM dvr_segments WHERE stream = ?", CAM);
        int percent = (int) Math.max(1, (now - (now - lockedBytes) / 2) * 100 / DISK_CAPACITY);
        patch("{\"dvr\":{\"root\":\"" + ROOT + "\",\"disk_limit\":" + percent + "}}");
        retention();
        assertTrue(count("SELECT sum(bytes) FROM dvr_segments WHERE stream = ?", CAM) * 100 <= (long) percent * DISK_CAPACITY);
        assertEquals(lockedSegments, count("SELECT count(*) FROM dvr_segments WHERE stream = ? AND start_ms < ?", CAM,
                (from + 4) * 1000), "the lock held through every rule");
        assertEquals(indexed(CAM), files(folder).size());
    }

    @Test
    void aDeletedStreamsArchiveIsNotServedAndGoesWithItOnlyWhenAsked() throws Exception {
        Path root = ROOT.resolve("deleted");
        TestFiles.deleteTree(root);
        String body = "{\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":20163},\"segment_duration\":2,"
                + "\"dvr\":{\"root\":\"" + root + "\"}}";
        assertEquals(201, ConfigApi.putStream(GONE, body).statusCode());
        Process publisher = publish(20163);
        Path folder = root.resolve(GONE);
        assertTrue(Deployments.eventually(Duration.ofSeconds(40), () -> files(folder).size() >= 3), "not recording");
        MediaTools.stop(publisher);
        assertTrue(Deployments.eventually(Duration.ofSeconds(20), () -> indexed(GONE) == files(folder).size()),
                "the index has every file once the publisher is gone");
        long from = Http.object(Http.get("/" + GONE + "/recording_status.json")).getJsonObject(GONE).getJsonNumber("from").longValue();
        String vod = "/" + GONE + "/index-" + from + "-4.m3u8";
        String segment = "/" + GONE + "/" + MediaTools.segmentUris(Http.get(vod).body()).get(0);
        assertEquals(200, Http.get(segment).statusCode());

        // Deleted as before: the archive stays on disk and in the index, but a name that is no stream serves nothing.
        assertEquals(204, admin("DELETE", ConfigApi.STREAMS + GONE, null).statusCode());
        int kept = files(folder).size();
        assertTrue(kept >= 3);
        assertEquals(kept, indexed(GONE));
        for (String url : List.of(vod, segment, "/" + GONE + "/recording_status.json", "/" + GONE + "/index.m3u8")) {
            ConfigApi.assertError(Http.get(url), 404, "stream_not_found", null);
        }

        // The stream back under the same name: its archive plays again.
        assertEquals(201, ConfigApi.putStream(GONE, body).statusCode());
        assertEquals(200, Http.get(segment).statusCode());
        assertFalse(MediaTools.segmentUris(Http.get(vod).body()).isEmpty());

        ConfigApi.assertError(admin("DELETE", ConfigApi.STREAMS + GONE + "?archive=drop", null), 400, "invalid_value", "archive");
        assertEquals(200, Http.admin(ConfigApi.STREAMS + GONE).statusCode(), "a refused DELETE deletes nothing");
        assertEquals(kept, files(folder).size());

        // Deleted with archive=delete: the files, the index and the ranges go with the stream, and an event says so.
        assertEquals(204, admin("DELETE", ConfigApi.STREAMS + GONE + "?archive=delete", null).statusCode());
        assertEquals(List.of(), files(folder));
        assertEquals(0, indexed(GONE));
        assertEquals(0, count("SELECT count(*) FROM dvr_ranges WHERE stream = ?", GONE));
        assertEquals(1, count("SELECT count(*) FROM events WHERE type = 'dvr_deleted_fragments' AND stream = ?"
                + " AND data->>'reason' = 'stream_deleted' AND (data->>'count')::int = ?", GONE, kept));
        ConfigApi.assertError(Http.get(segment), 404, "stream_not_found", null);
        ConfigApi.assertError(admin("DELETE", ConfigApi.STREAMS + GONE + "?archive=delete", null), 404, "not_found", null);
    }

    @Test
    void aPublishLocationRecordsItsStreamsWhichStayAfterTheirPublisherLeaves() throws Exception {
        Path root = ROOT.resolve("location");
        TestFiles.deleteTree(root);
        assertEquals(200, admin("PUT", ConfigApi.CONFIG, "{\"srt_publish\":{\"port\":20162}}").statusCode());
        assertEquals(201, admin("PUT", PrefixApiIT.LIVE + "dvr-loc", "{\"segment_duration\":2,\"dvr\":{\"root\":\"" + root + "\"}}")
                .statusCode());
        Process publisher = MediaTools.publish("srt://127.0.0.1:20162?streamid=dvr-loc/room1");
        processes.add(publisher);
        Path folder = root.resolve("dvr-loc").resolve("room1");
        assertTrue(Deployments.eventually(Duration.ofSeconds(40), () -> files(folder).size() >= 3), "the location does not record");
        MediaTools.stop(publisher);
        assertTrue(Deployments.eventually(Duration.ofSeconds(10), () -> indexed("dvr-loc/room1") >= 3));
        assertEquals(200, Http.admin(ConfigApi.STREAMS + "dvr-loc/room1").statusCode(), "a recorded stream stays after its publisher");
        JsonObject total = Http.object(Http.get("/dvr-loc/room1/recording_status.json")).getJsonObject("dvr-loc/room1");
        assertTrue(total.containsKey("from") && total.containsKey("to"), total.toString());
        String vod = Http.get("/dvr-loc/room1/index-" + total.getJsonNumber("from").longValue() + "-4.m3u8").body();
        assertFalse(MediaTools.segmentUris(vod).isEmpty(), vod);
    }

    @Test
    void aDvrThatCannotWriteFailsLoudlyWhileLivePlaybackGoesOnAndRecoversByItself() throws Exception {
        Path root = ROOT.resolve("failing");
        TestFiles.deleteTree(root);
        Files.createDirectories(root);
        Path blocker = Files.writeString(root.resolve("dvr-fail"), "a file where the stream's folder should be");
        long lastEvent = count("SELECT coalesce(max(id), 0) FROM events");
        assertEquals(201, ConfigApi.putStream("dvr-fail", "{\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":20161},"
                + "\"segment_duration\":2,\"dvr\":{\"root\":\"" + root + "\"}}").statusCode());
        publish(20161);

        assertTrue(Deployments.eventually(Duration.ofSeconds(40), () -> count("SELECT count(*) FROM events WHERE"
                + " type = 'dvr_write_failed' AND stream = 'dvr-fail' AND id > ?", lastEvent) == 1), "no dvr_write_failed event");
        HttpResponse<String> health = admin("GET", ConfigApi.STREAMS + "dvr-fail/health", null);
        assertEquals(424, health.statusCode(), health.body());
        assertTrue(Http.object(health).getString("dvr_error").contains("dvr-fail"), health.body());
        assertTrue(Deployments.eventually(Duration.ofSeconds(20),
                () -> MediaTools.segmentUris(Http.get("/dvr-fail/index.m3u8").body()).size() >= 3), "live playback goes on");
        Thread.sleep(4000);
        assertEquals(1, count("SELECT count(*) FROM events WHERE type = 'dvr_write_failed' AND stream = 'dvr-fail'"
                + " AND id > ?", lastEvent), "one event per failure, not one per segment");

        Files.delete(blocker);
        assertTrue(Deployments.eventually(Duration.ofSeconds(20), () -> !files(root.resolve("dvr-fail")).isEmpty()),
                "recording did not resume");
        assertTrue(Deployments.eventually(Duration.ofSeconds(10), () -> count("SELECT count(*) FROM events WHERE"
                + " type = 'dvr_write_resumed' AND stream = 'dvr-fail' AND id > ?", lastEvent) == 1));
        assertTrue(Deployments.eventually(Duration.ofSeconds(10),
                () -> admin("GET", ConfigApi.STREAMS + "dvr-fail/health", null).statusCode() == 200));
    }
}
