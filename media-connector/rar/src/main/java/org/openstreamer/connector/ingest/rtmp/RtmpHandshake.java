package org.openstreamer.connector.ingest.rtmp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The server side of the plain RTMP handshake (RTMP specification 5.2): C0 must ask for version 3;
 * S0 and S1 answer at once, S2 echoes C1, and C2 is read and not checked (clients that use the
 * digest variant accept a plain answer whose S1 carries a zero version field).
 */
final class RtmpHandshake {

    static final int VERSION = 3;
    static final int SIZE = 1536;

    private RtmpHandshake() {
    }

    /**
     * Runs the handshake on a fresh connection.
     *
     * @throws RtmpProtocolException when the first byte is not version 3 (another protocol, an
     *                               encrypted RTMPE handshake, or garbage)
     * @throws java.io.EOFException  when the peer closes before the end
     */
    static void serve(InputStream in, OutputStream out) throws IOException {
        int version = in.read();
        if (version < 0) {
            throw new java.io.EOFException("connection closed before the handshake");
        }
        if (version != VERSION) {
            throw new RtmpProtocolException("not an RTMP handshake: first byte 0x" + Integer.toHexString(version)
                    + (version == 6 ? " (encrypted RTMPE is not supported)" : " (version 3 expected)"));
        }
        byte[] c1 = readFully(in, SIZE);
        byte[] s0s1s2 = new byte[1 + 2 * SIZE];
        s0s1s2[0] = VERSION;
        int now = (int) (System.nanoTime() / 1_000_000);
        s0s1s2[1] = (byte) (now >>> 24);
        s0s1s2[2] = (byte) (now >>> 16);
        s0s1s2[3] = (byte) (now >>> 8);
        s0s1s2[4] = (byte) now;
        // bytes 5-8 stay zero: a plain handshake, no digest expected from us
        byte[] random = new byte[SIZE - 8];
        ThreadLocalRandom.current().nextBytes(random);
        System.arraycopy(random, 0, s0s1s2, 9, random.length);
        System.arraycopy(c1, 0, s0s1s2, 1 + SIZE, SIZE);
        out.write(s0s1s2);
        out.flush();
        readFully(in, SIZE); // C2
    }

    private static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new java.io.EOFException("connection closed during the handshake");
        }
        return b;
    }
}
