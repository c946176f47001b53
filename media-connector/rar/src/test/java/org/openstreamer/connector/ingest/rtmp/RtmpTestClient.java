package org.openstreamer.connector.ingest.rtmp;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import java.util.Map;

/** A minimal RTMP publisher for tests, written with the server's own chunk and AMF0 classes. */
final class RtmpTestClient implements AutoCloseable {

    final Socket socket;
    final InputStream in;
    final OutputStream out;
    RtmpChunkWriter writer;
    RtmpChunkReader reader;
    private final Amf0Writer amf = new Amf0Writer();
    private int txn = 1;

    RtmpTestClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
        out = new BufferedOutputStream(socket.getOutputStream());
    }

    RtmpTestClient handshake() throws IOException {
        byte[] c0c1 = new byte[1 + RtmpHandshake.SIZE];
        c0c1[0] = RtmpHandshake.VERSION;
        out.write(c0c1);
        out.flush();
        byte[] s = in.readNBytes(1 + 2 * RtmpHandshake.SIZE);
        if (s.length != 1 + 2 * RtmpHandshake.SIZE || s[0] != RtmpHandshake.VERSION) {
            throw new IOException("bad S0/S1/S2");
        }
        out.write(s, 1, RtmpHandshake.SIZE); // C2 echoes S1
        out.flush();
        writer = new RtmpChunkWriter(out);
        reader = new RtmpChunkReader(in, RtmpLimits.DEFAULT, silent -> {
            throw new IOException("no answer");
        });
        return this;
    }

    void command(int streamId, String name, Object... args) throws IOException {
        amf.reset().string(name).number(txn++);
        for (Object a : args) {
            if (a == null) {
                amf.nul();
            } else if (a instanceof String s) {
                amf.string(s);
            } else if (a instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, ?> properties = (Map<String, ?>) m;
                amf.object(properties);
            } else {
                amf.number(((Number) a).doubleValue());
            }
        }
        writer.write(3, RtmpMessage.COMMAND_AMF0, streamId, 0, amf.array(), 0, amf.length());
        writer.flush();
    }

    /** The next command or data message from the server, as AMF0 values; control messages are skipped. */
    List<Object> nextCommand() throws IOException {
        while (true) {
            RtmpMessage m = reader.next();
            if (m.type == RtmpMessage.SET_CHUNK_SIZE) {
                reader.setChunkSize(m.u32(0));
            } else if (m.type == RtmpMessage.COMMAND_AMF0) {
                return Amf0.readAll(m.payload, 0, m.length);
            }
        }
    }

    /** connect, createStream and publish; the onStatus code answered to publish. */
    String publish(String app, String name) throws IOException {
        handshake();
        command(0, "connect", Map.of("app", app, "tcUrl", "rtmp://127.0.0.1/" + app));
        List<Object> result = nextCommand();
        if (!"_result".equals(result.get(0))) {
            throw new IOException("connect: " + result);
        }
        command(0, "createStream", (Object) null);
        nextCommand();
        command(1, "publish", null, name, "live");
        List<Object> status = nextCommand();
        return (String) ((Map<?, ?>) status.get(3)).get("code");
    }

    void media(int type, long timestamp, byte[] body) throws IOException {
        writer.write(type == RtmpMessage.VIDEO ? 6 : 4, type, 1, timestamp, body, 0, body.length);
        writer.flush();
    }

    /** True once the server closed the connection (read returns end of stream or a reset). */
    boolean closedByServer() {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (IOException e) {
            return !(e instanceof java.net.SocketTimeoutException);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
