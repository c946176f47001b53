package org.openstreamer.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A configuration backend for tests, answering like a small Python backend would: the streams
 * list as Python's {@code str(dict)} (single quotes), and {@code srt_port_resolve/PORT} with the
 * stream name as plain text or 400. Streams and ports can be changed while it runs; a port can be
 * made to answer garbage.
 */
final class ConfigBackendStub implements AutoCloseable {

    static final String GARBAGE = "<html><body>Bad Gateway</body></html>";

    private final HttpServer server;
    /** stream name to passphrase */
    final Map<String, String> streams = new ConcurrentHashMap<>();
    /** publish port to stream name (or {@link #GARBAGE}) */
    final Map<Integer, String> ports = new ConcurrentHashMap<>();
    /** play port to stream name */
    final Map<Integer, String> playPorts = new ConcurrentHashMap<>();

    ConfigBackendStub(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        server.createContext("/backend/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/backend/";
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getQuery();
        if (path.equals("/backend/streams")) {
            StringBuilder body = new StringBuilder("{'streams': [");
            streams.forEach((name, passphrase) -> body.append(body.length() > 13 ? ", " : "")
                    .append("{'name': '").append(name).append("', 'inputs': [{'url': 'publish://'}], ")
                    .append("'srt_publish': {'passphrase': '").append(passphrase).append("'}, 'static': False}"));
            answer(exchange, 200, "application/json", body.append("]}").toString());
        } else if (path.startsWith("/backend/srt_port_resolve/")) {
            int port = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
            boolean play = query != null && query.contains("mode=play");
            String stream = play ? playPorts.get(port) : ports.get(port);
            if (stream != null && query.contains("host=")) {
                answer(exchange, 200, "text/plain", stream);
            } else {
                answer(exchange, 400, "text/html", "Invalid port or mode.");
            }
        } else {
            answer(exchange, 404, "text/html", "404 Not Found");
        }
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
