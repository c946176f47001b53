package org.openstreamer.connector.push;

import org.openstreamer.connector.ingest.srt.caller.SrtCaller;
import org.openstreamer.connector.ingest.srt.jni.SrtNative;
import org.openstreamer.connector.ingest.srt.jni.SrtSocketState;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * {@code srt://HOST:PORT?streamid=...&passphrase=...&latency=MS}: we call an SRT listener and send
 * the stream as live-mode messages of seven TS packets, on a non-blocking socket ({@link SrtCaller}
 * sets it up, as for pulled SRT inputs).
 */
final class SrtPushTarget extends PushTarget {

    /** Seven TS packets: what fits one SRT live payload. */
    private static final int MESSAGE = 7 * 188;

    private final SrtCaller caller;

    SrtPushTarget(String host, int port, Map<String, String> query) {
        this.caller = SrtCaller.of(host, port, query);
    }

    @Override
    PushConnection open() throws IOException {
        return new Connection(caller.connect());
    }

    private static final class Connection implements PushConnection {

        private final int socket;

        Connection(int socket) {
            this.socket = socket;
        }

        @Override
        public boolean finishConnect() throws IOException {
            return SrtCaller.finished(socket);
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
