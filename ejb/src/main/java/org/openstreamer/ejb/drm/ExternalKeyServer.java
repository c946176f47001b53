package org.openstreamer.ejb.drm;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;

/**
 * The reference's external key server: {@code GET URL?file=NAME}; the first 32 bytes of the body
 * are the key in hex, and the {@code X-Key-Url} header is the URL players get the raw key from.
 */
public final class ExternalKeyServer {

    /** A key and where players fetch it (null when the key server gave no X-Key-Url). */
    public record Answer(byte[] key, String keyUrl) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_URL = 2048;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private ExternalKeyServer() {
    }

    public static URI requestUri(String keyServer, String stream) {
        String sep = keyServer.indexOf('?') < 0 ? "?" : "&";
        return URI.create(keyServer + sep + "file=" + URLEncoder.encode(stream, StandardCharsets.UTF_8));
    }

    public static Answer fetch(String keyServer, String stream) throws IOException {
        URI uri = requestUri(keyServer, stream);
        HttpResponse<InputStream> r;
        try {
            r = CLIENT.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + uri.getHost());
        }
        try (InputStream body = r.body()) {
            if (r.statusCode() != 200) {
                throw new IOException("key server " + uri.getHost() + " answered " + r.statusCode());
            }
            byte[] head = body.readNBytes(32);
            String keyUrl = r.headers().firstValue("X-Key-Url").orElse(null);
            if (keyUrl != null && (keyUrl.length() > MAX_URL || keyUrl.indexOf('"') >= 0 || keyUrl.indexOf('\n') >= 0)) {
                throw new IOException("key server " + uri.getHost() + " gave an X-Key-Url that cannot go into a playlist");
            }
            return new Answer(parse(head), keyUrl);
        }
    }

    /** The key from the first 32 bytes of a body: exactly 32 hex digits. */
    public static byte[] parse(byte[] head) throws IOException {
        if (head.length < 32) {
            throw new IOException("the key server's answer is shorter than 32 hex digits");
        }
        try {
            return HexFormat.of().parseHex(new String(head, 0, 32, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IOException("the key server's answer does not start with 32 hex digits");
        }
    }
}
