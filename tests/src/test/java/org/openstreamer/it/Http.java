package org.openstreamer.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URLConnection;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A small HTTP client for the server under test (loopback, shifted port). Every exchange of the tests
 * goes through {@link #send(HttpRequest, HttpResponse.BodyHandler)}, which bounds it as a whole, and
 * every plain stream through {@link #openStream(String)}, which bounds connecting and each read.
 */
public final class Http {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = System.getProperty("it.admin.password");

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** For a request that sets no timeout of its own. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private Http() {
    }

    public static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + Integer.getInteger("it.http.port", 8180) + path);
    }

    public static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    public static HttpResponse<String> get(String path, String user, String password) throws IOException, InterruptedException {
        return send(request(path).header("Authorization", basic(user, password)).GET().build());
    }

    public static HttpResponse<String> send(String method, String path, String user, String password, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            b.header("Authorization", basic(user, password));
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return send(b.build());
    }

    public static HttpResponse<String> admin(String path) throws IOException, InterruptedException {
        return get(path, ADMIN, ADMIN_PASSWORD);
    }

    public static JsonObject object(HttpResponse<String> r) {
        try (JsonReader reader = Json.createReader(new StringReader(r.body()))) {
            return reader.readObject();
        }
    }

    public static JsonArray array(HttpResponse<String> r) {
        try (JsonReader reader = Json.createReader(new StringReader(r.body()))) {
            return reader.readArray();
        }
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(DEFAULT_TIMEOUT);
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /**
     * Sends with a deadline on the whole exchange: the request's timeout (or {@link #DEFAULT_TIMEOUT})
     * plus the connect timeout. {@link HttpRequest#timeout()} alone stops at the response headers, so a
     * body that stalls halfway would otherwise block the test for good; here the exchange is cancelled
     * and an {@link HttpTimeoutException} thrown.
     */
    public static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        return send(CLIENT, request, body);
    }

    /** As {@link #send(HttpRequest, HttpResponse.BodyHandler)}, on a client of the caller's (its own connection pool). */
    public static <T> HttpResponse<T> send(HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        Duration limit = request.timeout().orElse(DEFAULT_TIMEOUT).plus(CONNECT_TIMEOUT);
        CompletableFuture<HttpResponse<T>> exchange = client.sendAsync(request, body);
        try {
            return exchange.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new HttpTimeoutException("no complete response within " + limit + ": " + request);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(cause);
        }
    }

    /**
     * A GET of a path as a plain stream (for endless responses read in part): connecting and every
     * read fail after their timeouts instead of waiting on a server that stopped sending.
     */
    public static InputStream openStream(String path) throws IOException {
        URLConnection c = uri(path).toURL().openConnection();
        c.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
        c.setReadTimeout((int) DEFAULT_TIMEOUT.toMillis());
        return c.getInputStream();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
