package org.openstreamer.connector.push;

import org.openstreamer.connector.ingest.srt.jni.SrtException;
import org.openstreamer.connector.ingest.srt.jni.SrtNative;
import org.openstreamer.connector.ingest.srt.jni.SrtOption;
import org.openstreamer.connector.ingest.srt.jni.SrtRejectReason;
import org.openstreamer.connector.ingest.srt.jni.SrtSocketState;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * {@code srt://HOST:PORT?streamid=...&passphrase=...&latency=MS}: we call an SRT listener and send
 * the stream as live-mode messages of seven TS packets, on a non-blocking socket.
 */
final class SrtPushTarget extends PushTarget {

    /** Seven TS packets: what fits one SRT live payload. */
    private static final int MESSAGE = 7 * 188;

    private final String host;
    private final int port;
    private final String streamId;
    private final String passphrase;
    private final int latencyMs;

    SrtPushTarget(String host, int port, Map<String, String> query) {
        this.host = host;
        this.port = port;
        this.streamId = query.get("streamid");
        this.passphrase = query.get("passphrase");
        if (passphrase != null && (passphrase.length() < 10 || passphrase.length() > 79)) {
            throw new IllegalArgumentException("an SRT passphrase has 10 to 79 characters");
        }
        if (streamId != null && streamId.length() > 512) {
            throw new IllegalArgumentException("an SRT streamid has at most 512 characters");
        }
        this.latencyMs = intOption(query, "latency", 0, 60_000, -1);
    }

    @Override
    PushConnection open() throws IOException {
        if (!SrtNative.isLoaded()) {
            throw new IOException("libsrt is not available on this server");
        }
        int socket = SrtNative.createSocket();
        try {
            SrtNative.setOption(socket, SrtOption.SNDSYN, false);
            SrtNative.setOption(socket, SrtOption.RCVSYN, false);
            if (latencyMs >= 0) {
                SrtNative.setLatency(socket, latencyMs);
            }
            if (streamId != null) {
                SrtNative.setStreamId(socket, streamId);
            }
            if (passphrase != null) {
                SrtNative.setPassphrase(socket, passphrase);
            }
            SrtNative.connect(socket, host, port);
            return new Connection(socket);
        } catch (SrtException | IllegalArgumentException e) {
            SrtNative.close(socket);
            throw new IOException(e.getMessage(), e);
        }
    }

    private static final class Connection implements PushConnection {

        private final int socket;

        Connection(int socket) {
            this.socket = socket;
        }

        @Override
        public boolean finishConnect() throws IOException {
            SrtSocketState state = SrtNative.getSocketState(socket);
            if (state == SrtSocketState.CONNECTED) {
                return true;
            }
            if (state == SrtSocketState.CONNECTING || state == SrtSocketState.OPENED || state == SrtSocketState.INIT) {
                return false;
            }
            int reason = SrtNative.getRejectReason(socket);
            throw new IOException("SRT connection failed: " + SrtRejectReason.describe(reason));
        }

        @Override
        public boolean write(ByteBuffer packets) throws IOException {
            while (packets.remaining() >= 188) {
                int limit = packets.limit();
                packets.limit(packets.position() + Math.min(MESSAGE, packets.remaining() / 188 * 188));
                int n;
                try {
                    n = SrtNative.send(socket, packets);
                } finally {
                    packets.limit(limit);
                }
                if (n == SrtNative.WOULD_BLOCK) {
                    return false;
                }
                if (n < 0) {
                    throw new IOException("SRT send failed: " + SrtNative.lastErrorString());
                }
            }
            return true;
        }

        @Override
        public void check() throws IOException {
            SrtSocketState state = SrtNative.getSocketState(socket);
            if (state != SrtSocketState.CONNECTED) {
                throw new IOException("the SRT connection is " + state.name().toLowerCase(java.util.Locale.ROOT));
            }
        }

        @Override
        public void close() {
            SrtNative.close(socket);
        }
    }
}
