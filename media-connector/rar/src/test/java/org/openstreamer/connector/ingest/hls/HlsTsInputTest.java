package org.openstreamer.connector.ingest.hls;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openstreamer.connector.ingest.pull.PullUrl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HLS client against an HTTP server in the test: new segments in order, the master's best variant, failures. */
class HlsTsInputTest {

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger loads = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void serve(String path, IntFunction<byte[]> body) {
        server.createContext(path, x -> {
            requests.add(x.getRequestURI() + " UA=" + x.getRequestHeaders().getFirst("User-Agent")
                    + " Referer=" + x.getRequestHeaders().getFirst("Referer"));
            byte[] b = body.apply(loads.get());
            if (b == null) {
                x.sendResponseHeaders(404, -1);
            } else {
                x.sendResponseHeaders(200, b.length);
                x.getResponseBody().write(b);
            }
            x.close();
        });
    }

    private PullUrl url(String path, Map<String, String> options) {
        return PullUrl.parse("hls://127.0.0.1:" + server.getAddress().getPort() + path, options);
    }

    /** A media playlist whose window of three segments moves by one each load. */
    private static byte[] window(int load) {
        int first = 10 + load;
        StringBuilder b = new StringBuilder("#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXT-X-MEDIA-SEQUENCE:" + first + "\n");
        for (int i = first; i < first + 3; i++) {
            b.append("#EXTINF:1,\nseg-").append(i).append(".ts\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] segment(int n) {
        byte[] b = new byte[188 * 3];
        Arrays.fill(b, (byte) n);
        return b;
    }

    private static byte[] readFor(HlsTsInput in, long millis) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                break;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    @Test
    void onlySegmentsAddedAfterTheFirstLookArePlayedInOrderWithTheOptions() throws Exception {
        serve("/live/index.m3u8", load -> {
            loads.incrementAndGet();
            return window(load);
        });
        for (int i = 10; i < 30; i++) {
            int n = i;
            serve("/live/seg-" + i + ".ts", l -> segment(n));
        }
        try (HlsTsInput in = HlsTsInput.open(url("/live/index.m3u8", Map.of("user_agent", "Test Agent",
                "header.Referer", "https://a.example")))) {
            byte[] got = readFor(in, 2500);
            assertTrue(got.length >= 2 * 564, "two new segments or more in 2.5 s: " + got.length);
            assertEquals(13, got[0], "the first new segment (10..12 were there at the start)");
            for (int i = 0; i + 564 <= got.length; i += 564) {
                assertEquals(13 + i / 564, got[i], "in order, none skipped");
            }
        }
        assertTrue(requests.stream().allMatch(r -> r.contains("UA=Test Agent") && r.contains("Referer=https://a.example")),
                requests.toString());
        assertTrue(requests.stream().noneMatch(r -> r.startsWith("/live/seg-10.ts")), requests.toString());
    }

    @Test
    void skipStalledCheckStartsAtTheLastSegment() throws Exception {
        serve("/live/index.m3u8", HlsTsInputTest::window);
        serve("/live/seg-12.ts", l -> segment(12));
        try (HlsTsInput in = HlsTsInput.open(url("/live/index.m3u8", Map.of("skip_stalled_check", "true")))) {
            byte[] buf = new byte[4096];
            int n = in.read(buf, 0, buf.length);
            assertTrue(n > 0);
            assertEquals(12, buf[0]);
        }
    }

    @Test
    void aMasterPlaylistIsFollowedToItsBestVariant() throws Exception {
        serve("/master.m3u8", l -> ("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=100\nlow.m3u8\n"
                + "#EXT-X-STREAM-INF:BANDWIDTH=900\nhigh/index.m3u8\n").getBytes(StandardCharsets.UTF_8));
        serve("/high/index.m3u8", l -> "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\ns.ts\n#EXT-X-ENDLIST\n"
                .getBytes(StandardCharsets.UTF_8));
        serve("/high/s.ts", l -> segment(7));
        try (HlsTsInput in = HlsTsInput.open(url("/master.m3u8", Map.of()))) {
            byte[] got = readFor(in, 1000);
            assertArrayEquals(segment(7), got, "a finished playlist is played from its start, then ends");
        }
        assertTrue(requests.stream().noneMatch(r -> r.startsWith("/low.m3u8")), requests.toString());
    }

    @Test
    void failuresSayWhat() throws Exception {
        serve("/404.m3u8", l -> null);
        serve("/huge.m3u8", l -> ("#EXTM3U\n" + "#EXT-X-COMMENT\n".repeat(80_000)).getBytes(StandardCharsets.UTF_8));
        serve("/self.m3u8", l -> "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nself.m3u8\n".getBytes(StandardCharsets.UTF_8));
        serve("/junk.m3u8", l -> new byte[] {0x47, 0, 1, 2, 3});
        assertTrue(assertThrows(IOException.class, () -> HlsTsInput.open(url("/404.m3u8", Map.of()))).getMessage()
                .startsWith("HTTP 404"));
        assertTrue(assertThrows(IOException.class, () -> HlsTsInput.open(url("/huge.m3u8", Map.of()))).getMessage()
                .contains("larger than 1024 KiB"));
        assertTrue(assertThrows(IOException.class, () -> HlsTsInput.open(url("/self.m3u8", Map.of()))).getMessage()
                .contains("is a master playlist itself"));
        assertTrue(assertThrows(IOException.class, () -> HlsTsInput.open(url("/junk.m3u8", Map.of()))).getMessage()
                .contains("not an HLS playlist"));
    }

    @Test
    void aPlaylistThatGoesBackOrStallsIsLost() throws Exception {
        serve("/loop.m3u8", load -> {
            loads.incrementAndGet();
            return window(load == 0 ? 50 : 0);
        });
        try (HlsTsInput in = HlsTsInput.open(url("/loop.m3u8", Map.of()))) {
            IOException e = assertThrows(IOException.class, () -> readFor(in, 3000));
            assertTrue(e.getMessage().contains("went back from segment 62 to 12"), e.getMessage());
        }
        serve("/still.m3u8", l -> window(0));
        try (HlsTsInput in = HlsTsInput.open(url("/still.m3u8", Map.of("source_timeout", "1")))) {
            IOException e = assertThrows(IOException.class, () -> readFor(in, 4000));
            assertTrue(e.getMessage().contains("no new segment for 1 s"), e.getMessage());
        }
    }
}
