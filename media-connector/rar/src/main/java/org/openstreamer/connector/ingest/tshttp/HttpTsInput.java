package org.openstreamer.connector.ingest.tshttp;

import org.openstreamer.connector.ingest.pull.PullUrl;
import org.openstreamer.connector.ingest.pull.PulledSource;
import org.openstreamer.connector.ingest.pull.TsInput;
import org.openstreamer.connector.ingest.tstcp.TcpTsInput;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code tshttp://HOST[:PORT]/PATH}: an HTTP/1.1 GET whose response body is the MPEG-TS stream,
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
            OutputStream out = s.getOutputStream();
            String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
            out.write(("GET " + url.path() + " HTTP/1.1\r\nHost: " + host + (url.port() == 80 ? "" : ":" + url.port())
                    + "\r\nUser-Agent: " + USER_AGENT + "\r\nAccept: */*\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
            ResponseHead head = ResponseHead.read(in, RESPONSE_TIMEOUT_MS / PulledSource.POLL_MILLIS, MAX_HEAD);
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
