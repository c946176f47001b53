package org.openstreamer.ejb.notify;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonArray;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.openstreamer.ejb.util.Jsonp.JSON;

/** A webhook receiver on a free loopback port: keeps each POST, answers 500 while told to. */
final class Receiver implements AutoCloseable {

    record Post(byte[] body, String signature, String signature256) {
        JsonArray events() {
            try (var r = JSON.createReader(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
                return r.readArray();
            }
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Post> posts = new LinkedBlockingQueue<>();
    final AtomicInteger failNext = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            requests.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 204;
            if (status == 204) {
                posts.add(new Post(body, exchange.getRequestHeaders().getFirst(Signature.HEADER),
                        exchange.getRequestHeaders().getFirst(Signature.HEADER_256)));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    Post next() throws InterruptedException {
        Post p = posts.poll(10, TimeUnit.SECONDS);
        if (p == null) {
            throw new AssertionError("nothing was posted within 10 s");
        }
        return p;
    }

    List<Post> received() {
        return List.copyOf(posts);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
