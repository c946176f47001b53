package org.openstreamer.connector.ingest.rtsp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * A scripted RTSP server on the loopback address: each request goes to {@code answer} (method,
 * headers) which returns the raw reply bytes (with {@code CSEQ} replaced by the request's CSeq),
 * or null to close the connection. After a PLAY it answers, {@code media} bytes follow.
 */
final class FakeRtspServer implements AutoCloseable {

    final ServerSocket server;
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final Thread thread;

    FakeRtspServer(BiFunction<String, Map<String, String>, byte[]> answer, byte[] media) throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    serve(s, answer, media);
                } catch (IOException e) {
                    // next connection, or closed
                }
            }
        }, "fake-rtsp");
        thread.setDaemon(true);
        thread.start();
    }

    private void serve(Socket s, BiFunction<String, Map<String, String>, byte[]> answer, byte[] media) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
        OutputStream out = s.getOutputStream();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                return;
            }
            if (line.isEmpty()) {
                continue;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
                int c = h.indexOf(':');
                headers.put(h.substring(0, c).trim().toLowerCase(), h.substring(c + 1).trim());
            }
            String method = line.split(" ")[0];
            requests.add(line + (headers.containsKey("authorization") ? " +auth" : ""));
            byte[] reply = answer.apply(method, headers);
            if (reply == null) {
                return;
            }
            String text = new String(reply, StandardCharsets.ISO_8859_1).replace("CSEQ", headers.getOrDefault("cseq", "0"));
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            if (method.equals("PLAY") && media != null) {
                out.write(media);
            }
            out.flush();
        }
    }

    int port() {
        return server.getLocalPort();
    }

    String url(String userInfo) {
        return "rtsp://" + (userInfo == null ? "" : userInfo + "@") + "127.0.0.1:" + port() + "/cam";
    }

    static byte[] reply(String status, String... headersAndBody) {
        List<String> h = new ArrayList<>(List.of(headersAndBody));
        String body = h.size() % 2 == 1 ? h.remove(h.size() - 1) : "";
        StringBuilder b = new StringBuilder("RTSP/1.0 ").append(status).append("\r\nCSeq: CSEQ\r\n");
        for (int i = 0; i < h.size(); i += 2) {
            b.append(h.get(i)).append(": ").append(h.get(i + 1)).append("\r\n");
        }
        if (!body.isEmpty()) {
            b.append("Content-Length: ").append(body.getBytes(StandardCharsets.ISO_8859_1).length).append("\r\n");
        }
        return b.append("\r\n").append(body).toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
