package org.openstreamer.connector.ingest.rtsp;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits what comes on the RTSP connection into replies and interleaved RTP/RTCP frames
 * ({@code $}, channel, 16-bit length: RFC 2326 10.12), as a state machine over one buffer reused
 * for the life of the connection. Limits are enforced before anything is buffered past them: a
 * reply head over {@link #MAX_HEAD} bytes, a body over {@link #MAX_BODY}, or bytes that are
 * neither a reply, a request of the server nor a frame end the connection with an
 * {@link RtspProtocolException} saying which.
 *
 * <p>A read that times out (the socket's {@code SO_TIMEOUT}) is no error: {@link #next} then
 * answers {@link Kind#NONE}.
 */
public final class RtspMessageReader {

    public static final int MAX_HEAD = 16 * 1024;
    public static final int MAX_BODY = 64 * 1024;
    private static final int MAX_HEADERS = 64;

    public enum Kind { NONE, FRAME, RESPONSE }

    private final InputStream in;
    private final byte[] buf = new byte[4 + 0xFFFF + MAX_HEAD + MAX_BODY];
    private int start;
    private int end;
    private boolean eof;
    /** Set by {@link #next} for {@link Kind#FRAME}: the channel and where the payload lies in {@link #buffer}. */
    private int channel;
    private int frameOff;
    private int frameLen;
    private RtspResponse response;

    public RtspMessageReader(InputStream in) {
        this.in = in;
    }

    /**
     * The next whole message: a frame (see {@link #channel}, {@link #frameOffset}, {@link #frameLength};
     * valid until the next call), a reply ({@link #response}), or NONE when a read timed out first.
     * Requests of the server (some send {@code OPTIONS} or {@code ANNOUNCE}) are read and skipped.
     *
     * @throws RtspProtocolException for bytes that break the protocol or a limit
     * @throws IOException           the connection failed or was closed
     */
    public Kind next() throws IOException {
        while (true) {
            int avail = end - start;
            if (avail >= 1 && buf[start] == '$') {
                if (avail >= 4) {
                    int len = (buf[start + 2] & 0xFF) << 8 | (buf[start + 3] & 0xFF);
                    if (avail >= 4 + len) {
                        channel = buf[start + 1] & 0xFF;
                        frameOff = start + 4;
                        frameLen = len;
                        start += 4 + len;
                        return Kind.FRAME;
                    }
                }
            } else if (avail > 0) {
                Kind k = message();
                if (k != null) {
                    if (k == Kind.RESPONSE) {
                        return k;
                    }
                    continue; // a request of the server: skipped
                }
            }
            if (!fill()) {
                return Kind.NONE;
            }
        }
    }

    /** A whole reply or server request at {@link #start}, or null while more bytes are needed. */
    private Kind message() throws IOException {
        int avail = end - start;
        int check = Math.min(avail, 5);
        if (!startsLikeText(check)) {
            throw new RtspProtocolException("not an RTSP reply: " + printable(start, Math.min(avail, 40)));
        }
        int headEnd = headEnd();
        if (headEnd < 0) {
            if (avail >= MAX_HEAD) {
                throw new RtspProtocolException("RTSP reply head longer than " + MAX_HEAD + " bytes");
            }
            return null;
        }
        String head = new String(buf, start, headEnd - start, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r?\n");
        String first = lines[0];
        boolean reply = first.startsWith("RTSP/1.0 ");
        if (!reply && !first.endsWith(" RTSP/1.0")) {
            throw new RtspProtocolException("not an RTSP reply: " + printable(start, Math.min(first.length(), 60)));
        }
        List<String[]> headers = new ArrayList<>();
        int contentLength = 0;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || headers.size() >= MAX_HEADERS) {
                throw new RtspProtocolException(colon <= 0 ? "malformed RTSP header line: " + printableText(line)
                        : "more than " + MAX_HEADERS + " RTSP headers");
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            headers.add(new String[]{name, value});
            if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = contentLength(value);
            }
        }
        int bodyStart = headEnd + (buf[headEnd] == '\r' ? 4 : 2);
        if (end - bodyStart < contentLength) {
            return null;
        }
        byte[] body = new byte[contentLength];
        System.arraycopy(buf, bodyStart, body, 0, contentLength);
        start = bodyStart + contentLength;
        if (!reply) {
            return Kind.NONE;
        }
        String[] status = first.split(" ", 3);
        int code;
        try {
            code = Integer.parseInt(status[1]);
        } catch (RuntimeException e) {
            throw new RtspProtocolException("malformed RTSP status line: " + printableText(first));
        }
        if (code < 100 || code > 999) {
            throw new RtspProtocolException("malformed RTSP status line: " + printableText(first));
        }
        response = new RtspResponse(code, status.length > 2 ? status[2].trim() : "", headers, body);
        return Kind.RESPONSE;
    }

    private static int contentLength(String value) throws RtspProtocolException {
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new RtspProtocolException("malformed Content-Length: " + printableText(value));
        }
        if (n < 0 || n > MAX_BODY) {
            throw new RtspProtocolException("Content-Length " + n + " over the limit of " + MAX_BODY + " bytes");
        }
        return (int) n;
    }

    /** Whether the first {@code n} bytes could begin {@code RTSP/1.0} or a request line (upper-case letters). */
    private boolean startsLikeText(int n) {
        for (int i = 0; i < n; i++) {
            byte b = buf[start + i];
            boolean ok = b >= 'A' && b <= 'Z' || b == '_' || (i > 0 && (b == '/' || b == '-' || b == ' '));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Index of the blank line ending the head ({@code \r\n\r\n} or {@code \n\n}), or -1. */
    private int headEnd() {
        int limit = Math.min(end, start + MAX_HEAD);
        for (int i = start; i + 1 < limit; i++) {
            if (buf[i] == '\n' && buf[i + 1] == '\n') {
                return i;
            }
            if (buf[i] == '\r' && i + 3 < limit && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Reads more; false if the read timed out. */
    private boolean fill() throws IOException {
        if (eof) {
            throw new IOException("the server closed the RTSP connection");
        }
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        int n;
        try {
            n = in.read(buf, end, buf.length - end);
        } catch (SocketTimeoutException idle) {
            return false;
        }
        if (n < 0) {
            eof = true;
            throw new IOException("the server closed the RTSP connection");
        }
        end += n;
        return true;
    }

    private String printable(int off, int len) {
        return printableText(new String(buf, off, len, StandardCharsets.ISO_8859_1));
    }

    private static String printableText(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7F ? c : '.');
        }
        return "\"" + (b.length() > 60 ? b.substring(0, 60) + "..." : b) + "\"";
    }

    public RtspResponse response() {
        return response;
    }

    public int channel() {
        return channel;
    }

    public byte[] buffer() {
        return buf;
    }

    public int frameOffset() {
        return frameOff;
    }

    public int frameLength() {
        return frameLen;
    }
}
