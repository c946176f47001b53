package org.openstreamer.connector.ingest.srt.caller;

import org.openstreamer.connector.ingest.pull.PullUrl;
import org.openstreamer.connector.ingest.pull.PullClients;
import org.openstreamer.connector.ingest.pull.TsInput;
import org.openstreamer.connector.ingest.srt.jni.SrtNative;
import org.openstreamer.connector.ingest.srt.jni.SrtSocketState;

import java.io.IOException;
import java.util.Locale;

/**
 * {@code srt://HOST:PORT?streamid=...&passphrase=...&latency=MS} as a pulled input: we call the
 * listener (an encoder, a gateway, another server: the reference's capture mode, usually with
 * {@code streamid=#!::r=NAME,m=request}) and read the MPEG-TS it sends, one live message at a
 * time. Waits go through an epoll set of its own, at most a poll interval each.
 */
public final class SrtPullInput implements TsInput {

    /** How long the handshake may take. */
    static final long CONNECT_TIMEOUT_MS = 5000;

    private final int socket;
    private final int epoll;
    private final String where;
    private final int[] ready = new int[1];
    private final int[] counts = new int[2];
    private final byte[] message = new byte[SrtNative.MAX_LIVE_MESSAGE];
    private int messageLength;
    private int messageUsed;

    private SrtPullInput(int socket, int epoll, String where) {
        this.socket = socket;
        this.epoll = epoll;
        this.where = where;
    }

    public static SrtPullInput open(PullUrl url) throws IOException {
        SrtCaller caller;
        try {
            caller = SrtCaller.of(url.host(), url.port(), SrtCaller.query(url.path()));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage() + " (" + url.url() + ")");
        }
        int socket = caller.connect();
        int epoll = -1;
        try {
            long deadline = System.currentTimeMillis() + CONNECT_TIMEOUT_MS;
            while (!SrtCaller.finished(socket)) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IOException("no SRT connection to " + url.host() + ":" + url.port() + " within "
                            + CONNECT_TIMEOUT_MS + " ms");
                }
                Thread.sleep(20);
            }
            epoll = SrtNative.epollCreate();
            SrtNative.epollAdd(epoll, socket, SrtNative.EPOLL_IN | SrtNative.EPOLL_ERR);
            return new SrtPullInput(socket, epoll, url.host() + ":" + url.port());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release(socket, epoll);
            throw new IOException("stopped");
        } catch (IOException e) {
            release(socket, epoll);
            throw e.getMessage() != null && e.getMessage().startsWith("SRT connection failed")
                    ? new IOException(e.getMessage() + " (" + url.host() + ":" + url.port() + ")", e) : e;
        } catch (RuntimeException e) {
            release(socket, epoll);
            throw e;
        }
    }

    private static void release(int socket, int epoll) {
        if (epoll >= 0) {
            SrtNative.epollRelease(epoll);
        }
        SrtNative.close(socket);
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int filled = 0;
        while (filled < len) {
            if (messageUsed < messageLength) {
                int n = Math.min(len - filled, messageLength - messageUsed);
                System.arraycopy(message, messageUsed, buf, off + filled, n);
                messageUsed += n;
                filled += n;
                continue;
            }
            int n = SrtNative.recv(socket, message, 0, message.length);
            if (n > 0) {
                messageLength = n;
                messageUsed = 0;
                continue;
            }
            if (n == SrtNative.ERROR || n == 0) {
                SrtSocketState state = SrtNative.getSocketState(socket);
                throw new IOException("the SRT connection to " + where + " is " + state.name().toLowerCase(Locale.ROOT)
                        + ": " + SrtNative.lastErrorString());
            }
            if (filled > 0) {
                return filled; // nothing more waiting
            }
            int r = SrtNative.epollWait(epoll, ready, null, counts, PullClients.POLL_MILLIS);
            if (r <= 0) {
                SrtSocketState state = SrtNative.getSocketState(socket);
                if (state != SrtSocketState.CONNECTED) {
                    throw new IOException("the SRT connection to " + where + " is " + state.name().toLowerCase(Locale.ROOT));
                }
                return 0;
            }
        }
        return filled;
    }

    @Override
    public void close() {
        release(socket, epoll);
    }
}
