package org.openstreamer.it;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pulled inputs beyond MPEG-TS over UDP/HTTP/TCP, each against a real peer, all at once:
 * {@code srt://} calling srt-live-transmit in listener mode (with a passphrase), {@code hls://}
 * of this server's own HLS output of another stream, {@code rtmp://} playing that stream from
 * this server's RTMP port, and {@code file://} looping a 3 s file in real time. Each stream must
 * go live (a playlist with segments whose first one ffprobe reads as the fixture's H.264). Bad
 * sources (a 404 playlist, a playlist of garbage, one whose media sequence goes back, a file
 * outside the folder) give a {@code source_lost} event with the reason, or a 400 from the API.
 * A multi-program TS on a loopback multicast group is taken apart by {@code program} and {@code pids}.
 * {@code hls2://} takes every variant of a two-rendition origin.
 * MP4 files play as a {@code file://} input and as a stream's backup.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PulledSourcesIT {

    private static final String API = "/streamer/api/v3/streams/";
    private static final int RTMP_PORT = 1935 + Integer.getInteger("it.port.offset", 100);
    private static final int HTTP_PORT = 8080 + Integer.getInteger("it.port.offset", 100);
    /** Where the server reads file:// inputs (openstreamer.files.dir in arquillian.xml). */
    private static final Path FILES = Path.of("target", "pull-files");

    private final List<Process> processes = new ArrayList<>();
    private Thread relay;
    private final List<String> streams = new ArrayList<>();
    private HttpServer http;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (String s : streams) {
            Http.send("DELETE", API + s, Http.ADMIN, Http.ADMIN_PASSWORD, null);
        }
        processes.forEach(p -> p.descendants().forEach(ProcessHandle::destroy)); // the pipeline's ffmpeg and srt-live-transmit
        processes.forEach(MediaTools::stop);
        if (http != null) {
            http.stop(0);
        }
        if (relay != null) {
            relay.interrupt();
            relay.join(5000);
        }
    }

    private void createStream(String name, String json) throws Exception {
        HttpResponse<String> r = Http.send("PUT", API + name, Http.ADMIN, Http.ADMIN_PASSWORD, json);
        assertTrue(r.statusCode() == 200 || r.statusCode() == 201, name + ": " + r.body());
        streams.add(name);
    }

    private static String input(String url) {
        return "{\"segment_duration\":2,\"inputs\":[{\"url\":\"" + url + "\",\"source_timeout\":10}]}";
    }

    private static long events(String type, String stream, String condition) throws Exception {
        return ConfigApi.count("SELECT count(*) FROM events WHERE type = ? AND stream = ?" + condition, type, stream);
    }

    /** The stream has a playlist of at least {@code segments} segments, and its first decodes as the fixture's H.264. */
    private static JsonObject live(String stream, int segments) throws Exception {
        String[] text = {null};
        assertTrue(Deployments.eventually(Duration.ofSeconds(40), () -> {
            HttpResponse<String> r = Http.get("/" + stream + "/index.m3u8");
            text[0] = r.statusCode() + " " + r.body();
            return r.statusCode() == 200 && MediaTools.segmentUris(r.body()).size() >= segments;
        }), () -> "no playlist with " + segments + " segments for " + stream + ": " + text[0] + "; stats "
                + statsOf(stream));
        String uri = MediaTools.segmentUris(text[0].substring(4)).get(0);
        HttpResponse<byte[]> r = Http.send(HttpRequest.newBuilder(Http.uri("/" + stream + "/" + uri)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        Path file = MediaTools.write(Path.of("target", "pulled-it", stream + "-" + uri.replace('/', '_')), r.body());
        JsonObject probe = MediaTools.probe(file.toString());
        JsonObject video = MediaTools.video(probe);
        assertNotNull(video, stream);
        assertEquals("h264", video.getString("codec_name"), stream);
        assertEquals(640, video.getInt("width"), stream);
        return probe;
    }

    private static String statsOf(String stream) {
        try {
            return ConfigApi.getStreamWithStats(stream).getJsonObject("stats").toString();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static void lostWith(String stream, String reason) throws Exception {
        assertTrue(Deployments.eventually(Duration.ofSeconds(20),
                () -> events("source_lost", stream, " AND data->>'reason' LIKE ?", "%" + reason + "%") > 0),
                () -> stream + ": no source_lost with '" + reason + "'; stats " + statsOf(stream));
    }

    private static long events(String type, String stream, String condition, String arg) throws Exception {
        return ConfigApi.count("SELECT count(*) FROM events WHERE type = ? AND stream = ?" + condition, type, stream, arg);
    }

    @Test
    void srtHlsRtmpAndFileSourcesGoLive() throws Exception {
        // the origin other streams pull from, published over HTTP MPEG-TS
        createStream("it-pull-origin", "{\"publish_enabled\":true,\"segment_duration\":2}");
        processes.add(MediaTools.publishTs("http://127.0.0.1:" + HTTP_PORT + "/it-pull-origin/mpegts"));

        int srtPort;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            srtPort = probe.getLocalPort();
        }
        String passphrase = "pull-passphrase-1";
        processes.add(new ProcessBuilder("bash", "-c", "ffmpeg -hide_banner -loglevel error -re -stream_loop -1 -i '"
                + MediaTools.fixture() + "' -c copy -f mpegts - | srt-live-transmit -q file://con 'srt://127.0.0.1:"
                + srtPort + "?mode=listener&passphrase=" + passphrase + "'")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());

        Files.createDirectories(FILES.resolve("vod"));
        Path loop = FILES.resolve("vod").resolve("loop3s.ts");
        MediaTools.run(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", MediaTools.fixture().toString(),
                "-t", "3", "-c", "copy", "-f", "mpegts", loop.toString()), 60);

        createStream("it-pull-srt", input("srt://127.0.0.1:" + srtPort + "?passphrase=" + passphrase + "&latency=200"));
        createStream("it-pull-hls", input("hls://127.0.0.1:" + HTTP_PORT + "/it-pull-origin/index.m3u8"));
        createStream("it-pull-rtmp", input("rtmp://127.0.0.1:" + RTMP_PORT + "/static/it-pull-origin"));
        createStream("it-pull-file", input("file://vod/loop3s.ts"));

        live("it-pull-file", 4); // 8 s of a 3 s file: looped at least twice
        live("it-pull-srt", 2);
        JsonObject rtmp = live("it-pull-rtmp", 2);
        assertTrue(rtmp.getJsonArray("streams").getValuesAs(JsonObject.class).stream()
                .anyMatch(t -> "aac".equals(t.getString("codec_name", ""))), "RTMP brings the audio too: " + rtmp);
        live("it-pull-hls", 2);
        for (String[] s : new String[][] {{"it-pull-srt", "srt"}, {"it-pull-hls", "hls"}, {"it-pull-rtmp", "rtmp"},
                {"it-pull-file", "file"}}) {
            assertTrue(events("publish_started", s[0], " AND data->>'protocol' = ?", s[1]) > 0, s[0]);
        }
        assertTrue(Deployments.eventually(Duration.ofSeconds(10), () -> !ConfigApi.getStreamWithStats("it-pull-file")
                .getJsonObject("stats").containsKey("error")), "a looping file never fails: " + statsOf("it-pull-file"));
    }

    /**
     * MP4 files where MPEG-TS files go: {@code file://vod/loop3s.mp4} (moov at the end, as ffmpeg
     * writes it) goes live with H.264 and AAC, and a publish stream with {@code backup} an MP4 file
     * shows the backup while its publisher is away, before it comes and after it left.
     */
    @Test
    void mp4FilesPlayAsAnInputAndAsABackup() throws Exception {
        Files.createDirectories(FILES.resolve("vod"));
        Path loop = FILES.resolve("vod").resolve("loop3s.mp4");
        MediaTools.run(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", MediaTools.fixture().toString(),
                "-t", "3", "-c", "copy", loop.toString()), 60);
        Path data = Path.of(System.getProperty("it.server.log")).getParent().getParent().resolve("data");
        Path blank = data.resolve("vod/it-mp4/blank.mp4");
        Files.createDirectories(blank.getParent());
        MediaTools.run(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", MediaTools.fixture().toString(),
                "-t", "4", "-c", "copy", "-movflags", "+faststart", blank.toString()), 60);

        createStream("it-pull-mp4", input("file://vod/loop3s.mp4"));
        createStream("it-mp4-backup", "{\"segment_duration\":2,\"inputs\":[{\"url\":\"publish://\"}],"
                + "\"backup\":{\"file\":\"it-mp4/blank.mp4\"}}");

        JsonObject probe = live("it-pull-mp4", 4); // 8 s of a 3 s file: looped at least twice
        assertTrue(probe.getJsonArray("streams").getValuesAs(JsonObject.class).stream()
                .anyMatch(t -> "aac".equals(t.getString("codec_name", ""))), "the MP4's audio too: " + probe);
        assertTrue(events("publish_started", "it-pull-mp4", " AND data->>'protocol' = ?", "file") > 0);
        assertFalse(ConfigApi.getStreamWithStats("it-pull-mp4").getJsonObject("stats").containsKey("error"),
                statsOf("it-pull-mp4"));

        assertTrue(Deployments.eventually(Duration.ofSeconds(20), () -> stats("it-mp4-backup").getBoolean("backup", false)),
                () -> "the MP4 backup plays: " + statsOf("it-mp4-backup"));
        JsonObject backup = live("it-mp4-backup", 2);
        assertTrue(backup.getJsonArray("streams").getValuesAs(JsonObject.class).stream()
                .anyMatch(t -> "aac".equals(t.getString("codec_name", ""))), "the backup's audio too: " + backup);
        assertTrue(events("stream_backup", "it-mp4-backup", " AND data->>'file' = ?", "it-mp4/blank.mp4") > 0);

        Process publisher = MediaTools.publishTs("http://127.0.0.1:" + HTTP_PORT + "/it-mp4-backup/mpegts");
        processes.add(publisher);
        assertTrue(Deployments.eventually(Duration.ofSeconds(20), () -> {
            JsonObject st = stats("it-mp4-backup");
            return !st.getBoolean("backup", true) && st.containsKey("publisher") && !st.isNull("publisher");
        }), () -> "the publisher is let in over the backup: " + statsOf("it-mp4-backup"));
        MediaTools.stop(publisher);
        assertTrue(Deployments.eventually(Duration.ofSeconds(20), () -> stats("it-mp4-backup").getBoolean("backup", false)),
                () -> "the MP4 backup plays again once the publisher left: " + statsOf("it-mp4-backup"));
    }

    private static JsonObject stats(String stream) throws Exception {
        return ConfigApi.getStreamWithStats(stream).getJsonObject("stats");
    }

    @Test
    void badSourcesAreLostWithTheirReason() throws Exception {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] garbage = new byte[100_000];
        new Random(3).nextBytes(garbage);
        http.createContext("/garbage.m3u8", x -> {
            x.sendResponseHeaders(200, garbage.length);
            x.getResponseBody().write(garbage);
            x.close();
        });
        AtomicInteger loads = new AtomicInteger();
        http.createContext("/loop.m3u8", x -> { // a playlist replayed from its start every other load
            int sequence = loads.getAndIncrement() % 2 == 0 ? 100 : 5;
            byte[] body = ("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:" + sequence
                    + "\n#EXTINF:2,\nseg.ts\n").getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        http.start();
        String base = "hls://127.0.0.1:" + http.getAddress().getPort();

        createStream("it-pull-404", input("hls://127.0.0.1:" + HTTP_PORT + "/it-no-such-stream/index.m3u8"));
        createStream("it-pull-junk", input(base + "/garbage.m3u8"));
        createStream("it-pull-loop", input(base + "/loop.m3u8"));
        createStream("it-pull-nosrt", input("srt://127.0.0.1:9?latency=100"));

        lostWith("it-pull-404", "HTTP 404");
        lostWith("it-pull-junk", "not an HLS playlist");
        lostWith("it-pull-loop", "went back");
        lostWith("it-pull-nosrt", "SRT");

        HttpResponse<String> r = Http.send("PUT", API + "it-pull-escape", Http.ADMIN, Http.ADMIN_PASSWORD,
                input("file://vod/../../etc/passwd"));
        assertEquals(400, r.statusCode(), r.body());
        r = Http.send("PUT", API + "it-pull-badsrt", Http.ADMIN, Http.ADMIN_PASSWORD, input("srt://127.0.0.1:9000?passphrase=short"));
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("10 to 79"), r.body());
    }

    /**
     * {@code hls2://} of this server's own HLS output of a stream with two renditions (640x360 with
     * the audio, 320x180): the pulled stream carries both videos and offers them again as the two
     * variants of its master playlist, which ffprobe reads.
     */
    @Test
    void anHls2SourceKeepsEveryVariant() throws Exception {
        createStream("it-pull-abr", "{\"publish_enabled\":true,\"segment_duration\":2}");
        processes.add(new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-stream_loop", "-1",
                "-i", MediaTools.fixture().toString(), "-map", "0:v", "-map", "0:v", "-map", "0:a",
                "-filter:v:1", "scale=320:180", "-c:v", "libx264", "-preset", "ultrafast", "-g", "50",
                "-keyint_min", "50", "-sc_threshold", "0", "-b:v:0", "1200k", "-b:v:1", "300k", "-c:a", "copy",
                "-f", "mpegts", "http://127.0.0.1:" + HTTP_PORT + "/it-pull-abr/mpegts")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        assertTrue(Deployments.eventually(Duration.ofSeconds(40), () -> MediaTools.segmentUris(
                Http.get("/it-pull-abr/video2.m3u8").body()).size() >= 1), "the origin offers two variants");

        createStream("it-pull-hls2", input("hls2://127.0.0.1:" + HTTP_PORT + "/it-pull-abr/index.m3u8"));
        String[] master = {null};
        assertTrue(Deployments.eventually(Duration.ofSeconds(45), () -> {
            master[0] = Http.get("/it-pull-hls2/index.m3u8").body();
            return MediaTools.segmentUris(Http.get("/it-pull-hls2/video2.m3u8").body()).size() >= 2;
        }), () -> "no second variant: " + master[0] + "; stats " + statsOf("it-pull-hls2"));
        master[0] = Http.get("/it-pull-hls2/index.m3u8").body();
        assertEquals(List.of("video1.m3u8", "video2.m3u8"), MediaTools.segmentUris(master[0]), master[0]);
        List<String> variants = master[0].lines().filter(l -> l.startsWith("#EXT-X-STREAM-INF:")).toList();
        assertTrue(variants.get(0).contains("RESOLUTION=640x360"), variants.get(0));
        assertTrue(variants.get(1).contains("RESOLUTION=320x180"), variants.get(1));

        JsonObject probe = MediaTools.probe(Http.uri("/it-pull-hls2/index.m3u8").toString());
        List<Integer> widths = probe.getJsonArray("streams").getValuesAs(JsonObject.class).stream()
                .filter(t -> "video".equals(t.getString("codec_type", ""))).map(t -> t.getInt("width")).sorted().toList();
        assertEquals(List.of(320, 640), widths, "ffprobe reads both variants of the master playlist: " + probe);
        assertTrue(probe.getJsonArray("streams").getValuesAs(JsonObject.class).stream()
                .anyMatch(t -> "aac".equals(t.getString("codec_name", ""))), "with the audio: " + probe);
        assertTrue(events("publish_started", "it-pull-hls2", " AND data->>'protocol' = ?", "hls2") > 0);
    }

    /**
     * The fixture as an MPTS: program 2001 its video (PID 256) and audio (257), program 2002 the
     * video again (258) alone; sent by ffmpeg to a local port and relayed to a multicast group on
     * the loopback interface (ffmpeg cannot send multicast there), which four streams join.
     */
    @Test
    void programsOfAnMptsAreTakenApart() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String group = "239.255.31.7";
        String url = "udp://" + group + ":" + port + "/127.0.0.1";
        createStream("it-mpts-2001", mpts(url, "\"program\":2001"));
        createStream("it-mpts-2002", mpts(url, "\"program\":2002"));
        createStream("it-mpts-video", mpts(url, "\"program\":2001,\"pids\":[256]"));
        createStream("it-mpts-none", mpts(url, "\"program\":7"));

        DatagramSocket in = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        relay = new Thread(() -> relay(in, new InetSocketAddress(group, port)), "mpts-relay");
        relay.start();
        processes.add(new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-stream_loop", "-1",
                "-i", MediaTools.fixture().toString(), "-map", "0:v", "-map", "0:a", "-map", "0:v", "-c", "copy",
                "-streamid", "0:256", "-streamid", "1:257", "-streamid", "2:258",
                "-program", "program_num=2001:st=0:st=1", "-program", "program_num=2002:st=2",
                "-f", "mpegts", "udp://127.0.0.1:" + in.getLocalPort() + "?pkt_size=1316")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());

        assertTrue(hasAudio(live("it-mpts-2001", 2)), "program 2001 has the audio");
        assertFalse(hasAudio(live("it-mpts-2002", 2)), "program 2002 is the video alone");
        assertFalse(hasAudio(live("it-mpts-video", 2)), "pids=256 leaves the audio of 2001 out");
        lostWith("it-mpts-none", "program 7 is not in the stream (its PAT lists 2001, 2002)");
    }

    private static String mpts(String url, String options) {
        return "{\"segment_duration\":2,\"inputs\":[{\"url\":\"" + url + "\",\"source_timeout\":10," + options + "}]}";
    }

    private static boolean hasAudio(JsonObject probe) {
        return probe.getJsonArray("streams").getValuesAs(JsonObject.class).stream()
                .anyMatch(t -> "audio".equals(t.getString("codec_type", "")));
    }

    /** Sends what comes to {@code in} on to {@code group} out of the loopback interface, until interrupted. */
    private static void relay(DatagramSocket in, InetSocketAddress group) {
        try (in; DatagramChannel out = DatagramChannel.open(StandardProtocolFamily.INET)) {
            out.setOption(StandardSocketOptions.IP_MULTICAST_IF, NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress()));
            out.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            out.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 0); // never past this host
            in.setSoTimeout(500);
            byte[] buf = new byte[2048];
            DatagramPacket d = new DatagramPacket(buf, buf.length);
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    d.setLength(buf.length);
                    in.receive(d);
                    out.send(ByteBuffer.wrap(buf, 0, d.getLength()), group);
                } catch (SocketTimeoutException e) {
                    // nothing yet: look at the interrupt flag again
                }
            }
        } catch (IOException e) {
            if (!Thread.currentThread().isInterrupted()) { // interrupted: the channel closed itself, as asked
                throw new UncheckedIOException(e);
            }
        }
    }
}
