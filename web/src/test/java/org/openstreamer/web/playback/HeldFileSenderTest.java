package org.openstreamer.web.playback;

import io.undertow.Undertow;
import io.undertow.util.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstreamer.connector.api.HeldFile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Memory-file bodies on a real (embedded) Undertow: the bytes arrive, and every hold is given back once. */
class HeldFileSenderTest {

    private static final int SIZE = 24 << 20; // larger than the socket buffers: the sender must wait for writability

    @TempDir
    Path dir;
    private byte[] content;
    private CountingFile file;
    private Undertow server;
    private int port;

    @BeforeEach
    void start() throws IOException {
        content = new byte[SIZE];
        new Random(7).nextBytes(content);
        Path path = dir.resolve("segment.ts");
        Files.write(path, content);
        file = new CountingFile(FileChannel.open(path));
        server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(exchange -> {
            long first = exchange.getQueryParameters().containsKey("from")
                    ? Long.parseLong(exchange.getQueryParameters().get("from").getFirst()) : 0;
            long count = SIZE - first;
            file.hold();
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "video/mp2t");
            exchange.setResponseContentLength(count);
            HeldFileSender.send(exchange, file, first, count);
        }).build();
        server.start();
        port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    @AfterEach
    void stop() throws IOException {
        server.stop();
        file.channel().close();
    }

    @Test
    void aWholeFileAndAPartOfItArriveAndEachHoldIsGivenBackOnce() throws Exception {
        try (Socket s = connect()) {
            request(s, "/");
            assertArrayEquals(content, body(s.getInputStream()));
            request(s, "/?from=1000"); // the same keep-alive connection
            assertArrayEquals(Arrays.copyOfRange(content, 1000, SIZE), body(s.getInputStream()));
        }
        awaitReleases(2);
        assertEquals(2, file.holds.get());
    }

    @Test
    void aViewerThatHangsUpHalfWayStillGivesItsHoldBack() throws Exception {
        try (Socket s = connect()) {
            request(s, "/");
            s.getInputStream().readNBytes(100_000);
        } // closed with megabytes still to send
        awaitReleases(1);
        try (Socket s = connect()) { // and the server goes on serving
            request(s, "/");
            assertArrayEquals(content, body(s.getInputStream()));
        }
        awaitReleases(2);
    }

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(20_000);
        return s;
    }

    private static void request(Socket s, String path) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: test\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads one response's headers, then exactly Content-Length bytes. */
    private static byte[] body(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the headers: " + head);
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        assertTrue(headers.startsWith("HTTP/1.1 200"), headers);
        long length = headers.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                .mapToLong(l -> Long.parseLong(l.substring(15).trim())).findFirst().orElseThrow();
        return in.readNBytes((int) length);
    }

    /** Waits (at most 10 s, a deadline, not a measure) for the server to give back {@code n} holds. */
    private void awaitReleases(int n) throws InterruptedException {
        for (int i = 0; i < 1000 && file.releases.get() < n; i++) {
            Thread.sleep(10);
        }
        assertEquals(n, file.releases.get(), "holds given back");
    }

    private static final class CountingFile implements HeldFile {
        final FileChannel channel;
        final AtomicInteger holds = new AtomicInteger();
        final AtomicInteger releases = new AtomicInteger();

        CountingFile(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public FileChannel channel() {
            return channel;
        }

        @Override
        public long size() {
            return SIZE;
        }

        @Override
        public boolean hold() {
            holds.incrementAndGet();
            return true;
        }

        @Override
        public void release() {
            releases.incrementAndGet();
        }
    }
}
