package org.openstreamer.connector.ingest.rtsp;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * The RTSP control connection of one pull: requests with their {@code CSeq}, the session and the
 * credentials added, replies read through an {@link RtspMessageReader} that also carries the
 * interleaved media. A 401 is answered once with the URL's credentials; a second one is the
 * error "wrong user or password".
 */
final class RtspConnection implements Closeable {

    static final int CONNECT_TIMEOUT_MS = 5000;
    /** How long a reply may take. */
    static final int REPLY_TIMEOUT_MS = 10_000;
    private static final String USER_AGENT = "OpenStreamer";

    private final RtspUrl url;
    private final Socket socket;
    private final OutputStream out;
    private final RtspMessageReader reader;
    private int cseq;
    private String session;
    private RtspAuth auth;

    RtspConnection(RtspUrl url, int pollMillis) throws IOException {
        this.url = url;
        Socket s = new Socket();
        try {
            s.setReceiveBufferSize(1 << 20);
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(url.host(), url.port()), CONNECT_TIMEOUT_MS);
            s.setSoTimeout(pollMillis);
        } catch (SocketTimeoutException e) {
            s.close();
            throw new IOException("no connection to " + url.host() + ":" + url.port() + " within " + CONNECT_TIMEOUT_MS + " ms");
        } catch (IOException e) {
            s.close();
            throw new IOException("cannot connect to " + url.host() + ":" + url.port() + ": " + e.getMessage(), e);
        }
        this.socket = s;
        this.out = s.getOutputStream();
        this.reader = new RtspMessageReader(s.getInputStream());
    }

    RtspMessageReader reader() {
        return reader;
    }

    Socket socket() {
        return socket;
    }

    void session(String id) {
        session = id;
    }

    String session() {
        return session;
    }

    /**
     * Sends a request and waits for its reply (media frames that come meanwhile are dropped); a 401
     * is answered once with credentials.
     *
     * @param headers extra header lines, {@code Name: value}
     * @throws RtspProtocolException for a reply other than 2xx, with its status, or a broken reply
     */
    RtspResponse request(String method, String uri, String... headers) throws IOException {
        RtspResponse r = requestAnyStatus(method, uri, headers);
        if (r.status() / 100 != 2) {
            throw new RtspProtocolException("RTSP " + r.statusLine() + " for " + method + " " + url.display());
        }
        return r;
    }

    /** Like {@link #request}, but any status but 401 is returned, for the caller to judge. */
    RtspResponse requestAnyStatus(String method, String uri, String... headers) throws IOException {
        RtspResponse r = exchange(method, uri, headers);
        if (r.status() == 401) {
            if (url.user() == null) {
                throw new RtspProtocolException("RTSP 401 Unauthorized for " + method + " " + url.display()
                        + ": the server wants a user and password (rtsp://USER:PASSWORD@HOST/PATH)");
            }
            if (auth != null) {
                throw new RtspProtocolException("RTSP 401 Unauthorized for " + method + " " + url.display()
                        + ": wrong user or password");
            }
            auth = RtspAuth.of(r.headers("WWW-Authenticate"), url.user(), url.password());
            r = exchange(method, uri, headers);
            if (r.status() == 401) {
                throw new RtspProtocolException("RTSP 401 Unauthorized for " + method + " " + url.display()
                        + ": wrong user or password");
            }
        }
        return r;
    }

    private RtspResponse exchange(String method, String uri, String... headers) throws IOException {
        int sent = send(method, uri, headers);
        long deadline = System.nanoTime() + REPLY_TIMEOUT_MS * 1_000_000L;
        while (System.nanoTime() - deadline < 0) {
            RtspMessageReader.Kind k = reader.next();
            if (k == RtspMessageReader.Kind.RESPONSE) {
                RtspResponse r = reader.response();
                String c = r.header("CSeq");
                if (c == null || c.trim().equals(Integer.toString(sent))) {
                    return r;
                }
            }
        }
        throw new IOException("no reply to " + method + " from " + url.host() + ":" + url.port() + " within "
                + REPLY_TIMEOUT_MS / 1000 + " s");
    }

    /** Sends a request without waiting for its reply (keep-alive, teardown); the reply is skipped when read. */
    int send(String method, String uri, String... headers) throws IOException {
        StringBuilder b = new StringBuilder(256);
        b.append(method).append(' ').append(uri).append(" RTSP/1.0\r\n");
        b.append("CSeq: ").append(++cseq).append("\r\n");
        b.append("User-Agent: ").append(USER_AGENT).append("\r\n");
        if (auth != null) {
            b.append("Authorization: ").append(auth.header(method, uri)).append("\r\n");
        }
        if (session != null) {
            b.append("Session: ").append(session).append("\r\n");
        }
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        b.append("\r\n");
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        return cseq;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
