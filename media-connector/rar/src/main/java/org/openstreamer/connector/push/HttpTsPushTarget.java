package org.openstreamer.connector.push;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code tshttp://HOST:PORT/PATH}: one endless chunked {@code POST} (over plain HTTP) of the
 * live MPEG-TS, as servers that take HTTP MPEG-TS publishing expect (this server's own
 * {@code /NAME/mpegts} among them). User info in the URL becomes Basic authorization. A
 * destination that answers before the upload ends refuses it: its status ends the push's attempt.
 */
final class HttpTsPushTarget extends PushTarget {

    private final InetSocketAddress address;
    private final byte[] request;

    HttpTsPushTarget(URI uri) {
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        this.address = new InetSocketAddress(uri.getHost(), port);
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        StringBuilder r = new StringBuilder()
                .append("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(':').append(port).append("\r\n")
                .append("User-Agent: OpenStreamer\r\n")
                .append("Content-Type: video/mp2t\r\n")
                .append("Transfer-Encoding: chunked\r\n");
        if (uri.getRawUserInfo() != null) {
            String user = java.net.URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8);
            r.append("Authorization: Basic ")
                    .append(Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8))).append("\r\n");
        }
        this.request = r.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    PushConnection open() throws IOException {
        if (address.isUnresolved()) {
            throw new IOException("unknown host " + address.getHostString());
        }
        SocketChannel channel = SocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.connect(address);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new Connection(channel, request);
    }

    private static final class Connection implements PushConnection {

        private final SocketChannel channel;
        /** What is on its way: the request head, then one chunk at a time (size line, data, CRLF). */
        private final ByteBuffer wire = ByteBuffer.allocateDirect(Pusher.BATCH + 32);
        private final ByteBuffer answer = ByteBuffer.allocate(512);

        Connection(SocketChannel channel, byte[] request) {
            this.channel = channel;
            wire.put(request).flip();
        }

        @Override
        public boolean finishConnect() throws IOException {
            return channel.finishConnect();
        }

        @Override
        public boolean write(ByteBuffer packets) throws IOException {
            channel.write(wire);
            if (wire.hasRemaining()) {
                return false;
            }
            if (packets.hasRemaining()) {
                wire.clear();
                wire.put(Integer.toHexString(packets.remaining()).getBytes(StandardCharsets.ISO_8859_1))
                        .put((byte) '\r').put((byte) '\n').put(packets).put((byte) '\r').put((byte) '\n').flip();
                channel.write(wire);
            }
            return !wire.hasRemaining();
        }

        @Override
        public void check() throws IOException {
            int n = channel.read(answer);
            if (n < 0) {
                throw new IOException("the destination closed the connection");
            }
            String head = new String(answer.array(), 0, answer.position(), StandardCharsets.ISO_8859_1);
            int eol = head.indexOf("\r\n");
            if (eol > 0) {
                String[] status = head.substring(0, eol).split(" ", 3);
                if (status.length < 2 || !status[1].startsWith("2") && !status[1].startsWith("1")) {
                    throw new IOException("the destination answered " + head.substring(0, eol));
                }
                answer.clear(); // a 2xx before the end: keep sending, ignore the rest
            } else if (!answer.hasRemaining()) {
                throw new IOException("the destination answered something that is not HTTP");
            }
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }
}
