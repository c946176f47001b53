package org.openstreamer.connector.ingest.tshttp;

import org.openstreamer.connector.ingest.pull.PullUrl;
import org.openstreamer.connector.ingest.pull.PullClients;
import org.openstreamer.connector.ingest.pull.TsInput;
import org.openstreamer.connector.ingest.tstcp.TcpTsInput;

import org.openstreamer.connector.ingest.rtmp.TlsSockets;

import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code tshttp://HOST[:PORT]/PATH} ({@code tshttps://} over TLS): an HTTP/1.1 GET whose response body is the MPEG-TS stream,
 * read as it comes, with or without chunked transfer coding. Anything but a 200 is a failure whose
 * message carries the status line. Redirects are not followed: the URL should name the stream itself.
 */
public final class HttpTsInput implements TsInput {

    /** The status line and headers must come within this time, and fit in {@link #MAX_HEAD} bytes. */
    public static final int RESPONSE_TIMEOUT_MS = 10_000;
    static final int MAX_HEAD = 16 * 1024;
    static final String USER_AGENT = "OpenStreamer";

    private final Socket socket;
    private final InputStream in;
    /** Null for a body that is not chunked. */
    private final ChunkedBody chunked;
    /** Bytes left of a body with a Content-Length, or -1. */
    private long left;

    private HttpTsInput(Socket socket, InputStream in, ChunkedBody chunked, long length) {
        this.socket = socket;
        this.in = in;
        this.chunked = chunked;
        this.left = length;
    }

    public static HttpTsInput open(PullUrl url) throws IOException {
        Socket s = TcpTsInput.connect(url);
        try {
            if (url.scheme().tls()) {
                s = tls(s, url);
            }
            OutputStream out = s.getOutputStream();
            out.write(request(url).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
            ResponseHead head = ResponseHead.read(in, RESPONSE_TIMEOUT_MS / PullClients.POLL_MILLIS, MAX_HEAD);
            if (head.status() != 200) {
                throw new IOException("HTTP " + head.statusLine().substring(Math.min(9, head.statusLine().length()))
                        + " from " + url.url());
            }
            String coding = head.header("transfer-encoding");
            boolean isChunked = coding != null && coding.toLowerCase(Locale.ROOT).contains("chunked");
            String length = head.header("content-length");
            long bodyLength = -1;
            if (!isChunked && length != null) {
                try {
                    bodyLength = Long.parseLong(length.trim());
                } catch (NumberFormatException e) {
                    throw new IOException("bad Content-Length " + length + " from " + url.url());
                }
            }
            return new HttpTsInput(s, in, isChunked ? new ChunkedBody(in) : null, bodyLength);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * The GET request: {@code user_agent} replaces the User-Agent, each {@code header.NAME} option
     * adds a header (line breaks in them are dropped, so an option cannot add lines of its own).
     */
    static String request(PullUrl url) {
        String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
        boolean defaultPort = url.port() == (url.scheme().tls() ? 443 : 80);
        StringBuilder r = new StringBuilder("GET ").append(url.path()).append(" HTTP/1.1\r\nHost: ").append(host)
                .append(defaultPort ? "" : ":" + url.port())
                .append("\r\nUser-Agent: ").append(oneLine(url.option("user_agent", USER_AGENT)))
                .append("\r\nAccept: */*\r\nConnection: close\r\n");
        url.options().forEach((key, value) -> {
            if (key.startsWith("header.") && key.length() > 7) {
                r.append(oneLine(key.substring(7)).replace(":", "")).append(": ").append(oneLine(value)).append("\r\n");
            }
        });
        return r.append("\r\n").toString();
    }

    private static String oneLine(String s) {
        return s.replace("\r", "").replace("\n", "");
    }

    /**
     * TLS over the connected socket, the server's certificate checked against the JVM's trust store
     * and the host name, unless the input option {@code tls_verify=false} says to take any.
     */
    private static Socket tls(Socket plain, PullUrl url) throws IOException {
        boolean verify = TlsSockets.verify(url.options());
        SSLSocket s = TlsSockets.over(plain, url.host(), url.port(), verify);
        s.setSoTimeout(RESPONSE_TIMEOUT_MS);
        try {
            s.startHandshake();
        } catch (IOException e) {
            throw new IOException(TlsSockets.handshakeFailure(url.host() + ":" + url.port(), e, verify), e);
        }
        s.setSoTimeout(PullClients.POLL_MILLIS);
        return s;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        try {
            if (chunked != null) {
                return chunked.read(buf, off, len);
            }
            if (left == 0) {
                return -1;
            }
            int n = in.read(buf, off, left > 0 ? (int) Math.min(len, left) : len);
            if (n > 0 && left > 0) {
                left -= n;
            }
            return n;
        } catch (SocketTimeoutException idle) {
            return 0;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
