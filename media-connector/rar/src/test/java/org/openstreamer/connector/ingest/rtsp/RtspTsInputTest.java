package org.openstreamer.connector.ingest.rtsp;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstreamer.connector.ingest.rtsp.FakeRtspServer.reply;

/** The client against a scripted server: a whole session over TCP, and each way a server can fail it. */
class RtspTsInputTest {

    static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=cam\r\nt=0 0\r\na=control:*\r\n"
            + "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"
            + "a=fmtp:96 packetization-mode=1;sprop-parameter-sets=Z0LAHtk=,aM48gA==\r\na=control:stream=0\r\n"
            + "m=audio 0 RTP/AVP 97\r\na=rtpmap:97 MPEG4-GENERIC/48000/2\r\n"
            + "a=fmtp:97 streamtype=5;mode=AAC-hbr;config=1190;sizelength=13;indexlength=3;indexdeltalength=3\r\n"
            + "a=control:stream=1\r\n"
            + "m=audio 0 RTP/AVP 8\r\na=control:stream=2\r\n";

    /** A camera that answers everything, like GStreamer's server does. */
    static byte[] camera(String method, Map<String, String> h, int port) {
        return switch (method) {
            case "OPTIONS" -> reply("200 OK", "Public", "OPTIONS, DESCRIBE, SETUP, PLAY, GET_PARAMETER, TEARDOWN");
            case "DESCRIBE" -> reply("200 OK", "Content-Type", "application/sdp",
                    "Content-Base", "rtsp://127.0.0.1:" + port + "/cam/", SDP);
            case "SETUP" -> reply("200 OK", "Session", "4321;timeout=60", "Transport", h.get("transport"));
            case "PLAY" -> reply("200 OK", "RTP-Info", "url=rtsp://127.0.0.1:" + port + "/cam/stream=0;seq=1;rtptime=0,"
                    + "url=rtsp://127.0.0.1:" + port + "/cam/stream=1;seq=1;rtptime=0");
            default -> reply("200 OK");
        };
    }

    private static void frame(ByteArrayOutputStream out, int channel, int seq, long ts, boolean marker, int pt, byte[] payload) {
        int len = 12 + payload.length;
        out.writeBytes(new byte[]{'$', (byte) channel, (byte) (len >> 8), (byte) len,
                (byte) 0x80, (byte) ((marker ? 0x80 : 0) | pt), (byte) (seq >> 8), (byte) seq,
                (byte) (ts >> 24), (byte) (ts >> 16), (byte) (ts >> 8), (byte) ts, 0, 0, 0, 1});
        out.writeBytes(payload);
    }

    /** Two seconds of a keyframe every second and AAC frames. */
    static byte[] media() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 50; i++) {
            byte[] picture = i % 25 == 0 ? H264DepacketizerTest.IDR : H264DepacketizerTest.P;
            frame(out, 0, i, i * 3600L, true, 96, picture);
            frame(out, 2, i, i * 1920L, true, 97, new byte[]{0, 16, 0, 0x18, 0x21, 0x10, 0x05});
        }
        frame(out, 1, 0, 0, false, 72, new byte[8]); // RTCP on the odd channel: ignored
        return out.toByteArray();
    }

    private static Set<Integer> pids(RtspTsInput in) throws IOException {
        byte[] buf = new byte[188 * 100];
        ByteArrayOutputStream ts = new ByteArrayOutputStream();
        long deadline = System.currentTimeMillis() + 5000;
        while (ts.size() < 188 * 40 && System.currentTimeMillis() < deadline) {
            int n = in.read(buf, 0, buf.length);
            ts.write(buf, 0, n);
        }
        byte[] all = ts.toByteArray();
        assertEquals(0, all.length % 188);
        Set<Integer> pids = new TreeSet<>();
        for (int p = 0; p < all.length; p += 188) {
            assertEquals(0x47, all[p]);
            pids.add((all[p + 1] & 0x1F) << 8 | (all[p + 2] & 0xFF));
        }
        return pids;
    }

    @Test
    void aWholeSessionOverTcpBecomesMpegTs() throws Exception {
        int[] port = new int[1];
        try (FakeRtspServer s = new FakeRtspServer((m, h) -> camera(m, h, port[0]), media())) {
            port[0] = s.port();
            try (RtspTsInput in = RtspTsInput.open(RtspUrl.parse(s.url(null)), RtspOptions.DEFAULT)) {
                Set<Integer> pids = pids(in);
                assertTrue(pids.containsAll(List.of(0, 0x1000, 0x100, 0x101)), pids.toString()); // PAT, PMT, video, audio
            }
            waitFor(s, "TEARDOWN");
            assertEquals(List.of("OPTIONS", "DESCRIBE", "SETUP rtsp://127.0.0.1:" + port[0] + "/cam/stream=0",
                            "SETUP rtsp://127.0.0.1:" + port[0] + "/cam/stream=1", "PLAY", "TEARDOWN"),
                    s.requests.stream().map(r -> r.startsWith("SETUP") ? r.split(" ")[0] + " " + r.split(" ")[1]
                            : r.split(" ")[0]).toList());
        }
    }

    @Test
    void keepAlivesGoOutWithinTheSessionTimeout() throws Exception {
        int[] port = new int[1];
        try (FakeRtspServer s = new FakeRtspServer((m, h) -> m.equals("SETUP")
                ? reply("200 OK", "Session", "77;timeout=2", "Transport", h.get("transport")) : camera(m, h, port[0]), media())) {
            port[0] = s.port();
            try (RtspTsInput in = RtspTsInput.open(RtspUrl.parse(s.url(null)), RtspOptions.DEFAULT)) {
                byte[] buf = new byte[65536];
                long end = System.currentTimeMillis() + 1800;
                while (System.currentTimeMillis() < end) {
                    in.read(buf, 0, buf.length);
                }
            }
            waitFor(s, "TEARDOWN");
            assertTrue(s.requests.stream().anyMatch(r -> r.startsWith("GET_PARAMETER rtsp://127.0.0.1:" + port[0] + "/cam/")),
                    s.requests.toString());
        }
    }

    @Test
    void tracksChoosesWhatIsSetUp() throws Exception {
        int[] port = new int[1];
        try (FakeRtspServer s = new FakeRtspServer((m, h) -> camera(m, h, port[0]), media())) {
            port[0] = s.port();
            try (RtspTsInput in = RtspTsInput.open(RtspUrl.parse(s.url(null)), new RtspOptions(false, List.of(1)))) {
                Set<Integer> pids = pids(in);
                assertTrue(pids.contains(0x100) && !pids.contains(0x101), pids.toString());
            }
            assertEquals(1, s.requests.stream().filter(r -> r.startsWith("SETUP")).count());
            IOException e = assertThrows(IOException.class,
                    () -> RtspTsInput.open(RtspUrl.parse(s.url(null)), new RtspOptions(false, List.of(4))));
            assertEquals("tracks=4: the SDP describes 3 tracks", e.getMessage());
            e = assertThrows(IOException.class,
                    () -> RtspTsInput.open(RtspUrl.parse(s.url(null)), new RtspOptions(false, List.of(3))));
            assertTrue(e.getMessage().startsWith("no track this server offers can be taken") && e.getMessage().contains("pcma"),
                    e.getMessage());
        }
    }

    @Test
    void digestCredentialsFromTheUrl() throws Exception {
        int[] port = new int[1];
        String challenge = "Digest realm=\"cam\", nonce=\"n0\"";
        BiFunction<String, Map<String, String>, byte[]> answer = (m, h) -> {
            String a = h.get("authorization");
            if (!m.equals("OPTIONS") && (a == null || !a.contains("username=\"admin\""))) {
                return reply("401 Unauthorized", "WWW-Authenticate", challenge);
            }
            if (a != null) {
                String uri = a.replaceAll(".*uri=\"([^\"]*)\".*", "$1");
                String expected = RtspAuth.md5(RtspAuth.md5("admin:cam:s3cret") + ":n0:" + RtspAuth.md5(m + ":" + uri));
                if (!a.contains("response=\"" + expected + "\"")) {
                    return reply("401 Unauthorized", "WWW-Authenticate", challenge);
                }
            }
            return camera(m, h, port[0]);
        };
        try (FakeRtspServer s = new FakeRtspServer(answer, media())) {
            port[0] = s.port();
            try (RtspTsInput in = RtspTsInput.open(RtspUrl.parse(s.url("admin:s3cret")), RtspOptions.DEFAULT)) {
                assertTrue(pids(in).contains(0x100));
            }
            IOException wrong = assertThrows(IOException.class,
                    () -> RtspTsInput.open(RtspUrl.parse(s.url("admin:nope")), RtspOptions.DEFAULT));
            assertEquals("RTSP 401 Unauthorized for DESCRIBE rtsp://admin:***@127.0.0.1:" + port[0] + "/cam: wrong user or password",
                    wrong.getMessage());
            IOException none = assertThrows(IOException.class,
                    () -> RtspTsInput.open(RtspUrl.parse(s.url(null)), RtspOptions.DEFAULT));
            assertTrue(none.getMessage().contains("wants a user and password"), none.getMessage());
        }
    }

    private static String failure(BiFunction<String, Map<String, String>, byte[]> answer) throws IOException {
        try (FakeRtspServer s = new FakeRtspServer(answer, null)) {
            return assertThrows(IOException.class, () -> RtspTsInput.open(RtspUrl.parse(s.url(null)), RtspOptions.DEFAULT))
                    .getMessage();
        }
    }

    @Test
    void eachBrokenServerGivesItsReason() throws IOException {
        assertTrue(failure((m, h) -> "SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII))
                .startsWith("not an RTSP reply"));
        assertEquals("Content-Length 1000000000 over the limit of 65536 bytes",
                failure((m, h) -> reply("200 OK", "Content-Length", "1000000000")));
        assertEquals("malformed SDP line: \"<html>gone</html>\"", failure((m, h) -> m.equals("DESCRIBE")
                ? reply("200 OK", "Content-Type", "application/sdp", "<html>gone</html>") : reply("200 OK")));
        assertTrue(failure((m, h) -> m.equals("DESCRIBE") ? reply("404 Not Found") : reply("200 OK"))
                .startsWith("RTSP 404 Not Found for DESCRIBE rtsp://127.0.0.1:"));
        assertTrue(failure((m, h) -> m.equals("SETUP") ? reply("461 Unsupported Transport") : camera(m, h, 1))
                .contains("try the stream setting rtp udp"));
        assertTrue(failure((m, h) -> m.equals("SETUP") ? reply("200 OK") : camera(m, h, 1))
                .contains("no Session header"));
        assertEquals("the server closed the RTSP connection", failure((m, h) -> null));
    }

    @Test
    void nobodyListening() throws IOException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        IOException e = assertThrows(IOException.class,
                () -> RtspTsInput.open(RtspUrl.parse("rtsp://127.0.0.1:" + port + "/cam"), RtspOptions.DEFAULT));
        assertTrue(e.getMessage().startsWith("cannot connect to 127.0.0.1:" + port), e.getMessage());
    }

    private static void waitFor(FakeRtspServer s, String method) throws InterruptedException {
        for (int i = 0; i < 100 && s.requests.stream().noneMatch(r -> r.startsWith(method)); i++) {
            Thread.sleep(20);
        }
    }
}
