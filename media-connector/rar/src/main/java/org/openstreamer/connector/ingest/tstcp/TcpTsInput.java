package org.openstreamer.connector.ingest.tstcp;

import org.openstreamer.connector.ingest.pull.PullUrl;
import org.openstreamer.connector.ingest.pull.PullClients;
import org.openstreamer.connector.ingest.pull.TsInput;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** {@code tstcp://HOST:PORT}: connects and reads MPEG-TS from the bare TCP connection until the peer closes it. */
public final class TcpTsInput implements TsInput {

    /** How long a connection attempt may take. */
    public static final int CONNECT_TIMEOUT_MS = 5000;

    private final Socket socket;
    private final InputStream in;

    private TcpTsInput(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    public static TcpTsInput open(PullUrl url) throws IOException {
        return new TcpTsInput(connect(url));
    }

    /** A socket connected to the URL's host and port, reads waiting at most one poll interval. */
    public static Socket connect(PullUrl url) throws IOException {
        Socket s = new Socket();
        try {
            s.setReceiveBufferSize(1 << 20);
            s.connect(new InetSocketAddress(url.host(), url.port()), CONNECT_TIMEOUT_MS);
            s.setSoTimeout(PullClients.POLL_MILLIS);
            return s;
        } catch (SocketTimeoutException e) {
            s.close();
            throw new IOException("no connection to " + url.host() + ":" + url.port() + " within " + CONNECT_TIMEOUT_MS + " ms");
        } catch (IOException e) {
            s.close();
            throw new IOException("cannot connect to " + url.host() + ":" + url.port() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        try {
            return in.read(buf, off, len);
        } catch (SocketTimeoutException idle) {
            return 0;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
