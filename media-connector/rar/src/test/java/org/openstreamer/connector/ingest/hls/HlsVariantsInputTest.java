package org.openstreamer.connector.ingest.hls;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openstreamer.connector.demux.ts.TsFixtures;
import org.openstreamer.connector.ingest.pull.PullClients;
import org.openstreamer.connector.ingest.pull.PullUrl;
import org.openstreamer.connector.ingest.pull.TsInput;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code hls2://} against files ffmpeg cut into a two-variant HLS ladder (320x180 with the audio,
 * 160x90 alone), served by an HTTP server in the test.
 */
@Timeout(60)
class HlsVariantsInputTest {

    private static final Path LADDER = Path.of("target", "hls2-ladder");
    private HttpServer server;
    private final AtomicInteger loads = new AtomicInteger();

    @BeforeAll
    static void cut() throws Exception {
        if (Files.isRegularFile(LADDER.resolve("master.m3u8"))) {
            return;
        }
        Files.createDirectories(LADDER);
        Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc=size=320x180:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-t", "4", "-map", "0:v", "-map", "0:v", "-map", "1:a", "-filter:v:1", "scale=160:90",
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-keyint_min", "25", "-sc_threshold", "0",
                "-b:v:0", "800k", "-b:v:1", "200k", "-c:a", "aac", "-f", "hls", "-hls_time", "1",
                "-hls_playlist_type", "vod", "-hls_segment_filename", "v%v/seg%d.ts", "-master_pl_name", "master.m3u8",
                "-var_stream_map", "v:0,a:0 v:1", "v%v/index.m3u8")
                .directory(LADDER.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", x -> {
            Path file = LADDER.resolve(x.getRequestURI().getPath().substring(1)).normalize();
            if (!file.startsWith(LADDER) || !Files.isRegularFile(file)) {
                x.sendResponseHeaders(404, -1);
            } else {
                byte[] b = Files.readAllBytes(file);
                x.sendResponseHeaders(200, b.length);
                x.getResponseBody().write(b);
            }
            x.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String base() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private static byte[] readAll(TsInput in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[188 * 64];
        int n;
        while ((n = in.read(buf, 0, buf.length)) != -1) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    @Test
    void bothVariantsBecomeVideoTracksOfOneProgramInTimeOrder() throws Exception {
        PullUrl url = PullUrl.parse("hls2://" + base() + "/master.m3u8");
        assertEquals(PullUrl.Scheme.HLS2, url.scheme());
        byte[] ts;
        try (TsInput in = PullClients.openerFor(url.scheme()).open(url)) {
            ts = readAll(in);
        }
        assertEquals(0, ts.length % 188);
        Path file = Files.write(LADDER.resolve("combined.ts"), ts);
        List<TsFixtures.ProbeStream> streams = TsFixtures.probeStreams(file);
        assertEquals(3, streams.size(), streams.toString());
        List<TsFixtures.ProbeStream> videos = streams.stream().filter(s -> s.width() > 0).toList();
        assertEquals(List.of(320, 160), videos.stream().map(TsFixtures.ProbeStream::width).toList(), streams.toString());
        assertEquals(List.of(0x100, 0x110), videos.stream().map(TsFixtures.ProbeStream::pid).toList());
        assertTrue(streams.stream().anyMatch(s -> s.sampleRate() == 48000), "the first variant's audio");

        // each variant's pictures are all there, and the two videos are interleaved by time, not one after the other
        List<TsFixtures.ProbePacket> packets = TsFixtures.probePackets(file);
        int first = videos.get(0).index();
        int second = videos.get(1).index();
        assertEquals(100, packets.stream().filter(p -> p.streamIndex() == first).count());
        assertEquals(100, packets.stream().filter(p -> p.streamIndex() == second).count());
        long lastGap = 0;
        long lastFirst = Long.MIN_VALUE;
        for (TsFixtures.ProbePacket p : packets) {
            if (p.streamIndex() == first) {
                lastFirst = p.dts();
            } else if (p.streamIndex() == second && lastFirst != Long.MIN_VALUE) {
                lastGap = Math.max(lastGap, Math.abs(p.dts() - lastFirst));
            }
        }
        assertTrue(lastGap <= 90_000, "the variants stay within a second of each other: " + lastGap);
    }

    @Test
    void aMediaPlaylistIsItsOneVariant() throws Exception {
        PullUrl url = PullUrl.parse("hls2://" + base() + "/v0/index.m3u8");
        try (TsInput in = HlsVariantsInput.open(url)) {
            Path file = Files.write(LADDER.resolve("one.ts"), readAll(in));
            assertEquals(2, TsFixtures.probeStreams(file).size());
        }
    }

    @Test
    void aStalledVariantFailsTheSourceNamingIt() throws Exception {
        // variant 1 moves on (its segments are the ladder's, over and over), variant 2 never gets a new segment
        server.createContext("/live/master.m3u8", x -> send(x, "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=900000\nv0.m3u8\n"
                + "#EXT-X-STREAM-INF:BANDWIDTH=200000\nv1.m3u8\n"));
        server.createContext("/live/v0.m3u8", x -> {
            int first = loads.incrementAndGet();
            StringBuilder b = new StringBuilder("#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXT-X-MEDIA-SEQUENCE:" + first + "\n");
            for (int i = first; i < first + 2; i++) {
                b.append("#EXTINF:1,\n/v0/seg").append(i % 4).append(".ts\n");
            }
            send(x, b.toString());
        });
        server.createContext("/live/v1.m3u8", x -> send(x, "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\n/v1/seg0.ts\n"));
        PullUrl url = PullUrl.parse("hls2://" + base() + "/live/master.m3u8", Map.of("source_timeout", "2"));
        IOException e = assertThrows(IOException.class, () -> {
            try (TsInput in = HlsVariantsInput.open(url)) {
                readAll(in);
            }
        });
        assertTrue(e.getMessage().startsWith("variant 2: the HLS playlist http://" + base() + "/live/v1.m3u8 has had no new segment"),
                e.getMessage());
    }

    private static void send(com.sun.net.httpserver.HttpExchange x, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(200, b.length);
        x.getResponseBody().write(b);
        x.close();
    }
}
