package org.openstreamer.connector.ingest.rtsp;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;

/**
 * The UDP side of RTP over UDP: a port pair per track (RTP on an even port, RTCP on the next one,
 * RFC 3550 11), read through one selector. RTCP is read and discarded; RTP packets go to the
 * handler with the track they belong to. Once the server's ports are known, each RTP socket is
 * connected to the server's, so packets from anyone else are not taken.
 */
final class UdpRtpReceiver implements Closeable {

    /** What a received RTP packet is handed to: {@code buf[0 .. len)}. */
    @FunctionalInterface
    interface Handler {
        void packet(RtspTrack track, byte[] buf, int len);
    }

    private static final int PAIR_ATTEMPTS = 20;
    private final Selector selector;
    private final List<DatagramChannel> channels = new ArrayList<>();
    private final byte[] buf = new byte[64 * 1024];
    private final ByteBuffer bb = ByteBuffer.wrap(buf);
    private Handler handler;
    private final java.util.function.Consumer<SelectionKey> onReady = this::ready;

    UdpRtpReceiver() throws IOException {
        selector = Selector.open();
    }

    /** Binds an even/odd port pair for {@code track} on the local address {@code local}; the RTP port. */
    int open(RtspTrack track, java.net.InetAddress local) throws IOException {
        for (int i = 0; i < PAIR_ATTEMPTS; i++) {
            DatagramChannel rtp = channel(local, 0);
            int port = ((InetSocketAddress) rtp.getLocalAddress()).getPort();
            if (port % 2 != 0 || port == 65535) {
                rtp.close();
                continue;
            }
            DatagramChannel rtcp;
            try {
                rtcp = channel(local, port + 1);
            } catch (IOException taken) {
                rtp.close();
                continue;
            }
            rtp.register(selector, SelectionKey.OP_READ, track);
            rtcp.register(selector, SelectionKey.OP_READ, null);
            channels.add(rtp);
            channels.add(rtcp);
            return port;
        }
        throw new IOException("no free UDP port pair for RTP on " + local.getHostAddress());
    }

    private static DatagramChannel channel(java.net.InetAddress local, int port) throws IOException {
        DatagramChannel c = DatagramChannel.open(local instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            c.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 4 << 20);
            c.bind(new InetSocketAddress(local, port));
            c.configureBlocking(false);
            return c;
        } catch (IOException e) {
            c.close();
            throw e;
        }
    }

    /** Takes RTP for the track's socket only from the server's RTP port. */
    void connect(RtspTrack track, InetSocketAddress server) throws IOException {
        for (SelectionKey k : selector.keys()) {
            if (k.attachment() == track) {
                ((DatagramChannel) k.channel()).connect(server);
            }
        }
    }

    /** Waits up to {@code millis} for datagrams and hands every RTP packet that came to {@code h}. */
    void receive(long millis, Handler h) throws IOException {
        handler = h;
        selector.select(onReady, Math.max(1, millis));
    }

    private void ready(SelectionKey key) {
        DatagramChannel c = (DatagramChannel) key.channel();
        RtspTrack track = (RtspTrack) key.attachment();
        try {
            for (int i = 0; i < 64; i++) { // a burst, then the others get their turn
                bb.clear();
                if (c.receive(bb) == null) {
                    break;
                }
                if (track != null) {
                    handler.packet(track, buf, bb.position());
                }
            }
        } catch (IOException e) {
            // ICMP port unreachable and the like on a connected socket: the datagram is gone, the socket stays
        }
    }

    @Override
    public void close() throws IOException {
        for (DatagramChannel c : channels) {
            c.close();
        }
        selector.close();
    }
}
