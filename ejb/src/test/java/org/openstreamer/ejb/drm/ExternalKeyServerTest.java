package org.openstreamer.ejb.drm;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExternalKeyServerTest {

    @Test
    void theFirst32HexDigitsAreTheKey() throws IOException {
        byte[] key = ExternalKeyServer.parse("00112233445566778899aabbccddeeff trailing".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(HexFormat.of().parseHex("00112233445566778899aabbccddeeff"), key);
        assertThrows(IOException.class, () -> ExternalKeyServer.parse("0011".getBytes(StandardCharsets.US_ASCII)));
        assertThrows(IOException.class, () -> ExternalKeyServer.parse("zz112233445566778899aabbccddeeff".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void theRequestNamesTheStreamAsTheReferenceDoes() {
        assertEquals("http://127.0.0.1:4500/?file=drm%2Fbunny", ExternalKeyServer.requestUri("http://127.0.0.1:4500/", "drm/bunny").toString());
        assertEquals("http://h/cas.php?a=1&file=ort", ExternalKeyServer.requestUri("http://h/cas.php?a=1", "ort").toString());
    }

    @Test
    void aLocalKeyServerGivesTheKeyAndItsUrl() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicReference<String> asked = new AtomicReference<>();
        server.createContext("/", x -> {
            asked.set(x.getRequestURI().getQuery());
            byte[] body = x.getRequestURI().getPath().equals("/bad") ? "nope".getBytes() : "0f0e0d0c0b0a09080706050403020100\n".getBytes();
            if (!x.getRequestURI().getPath().equals("/nourl")) {
                x.getResponseHeaders().add("X-Key-Url", "http://127.0.0.1/user-key?id=1");
            }
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            ExternalKeyServer.Answer a = ExternalKeyServer.fetch(base + "/", "ort");
            assertEquals("file=ort", asked.get());
            assertEquals("http://127.0.0.1/user-key?id=1", a.keyUrl());
            assertEquals(16, a.key().length);
            assertNull(ExternalKeyServer.fetch(base + "/nourl", "ort").keyUrl());
            assertThrows(IOException.class, () -> ExternalKeyServer.fetch(base + "/bad", "ort"));
            assertThrows(IOException.class, () -> ExternalKeyServer.fetch("http://127.0.0.1:1/", "ort"), "nobody listens");
        } finally {
            server.stop(0);
        }
    }
}
