package org.openstreamer.connector.push;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Map;

/**
 * {@code udp://ADDR:PORT}: MPEG-TS in datagrams of seven packets, unicast or multicast. Multicast
 * options: {@code ttl=N} (default 1), {@code multicast_loop} (also deliver to this host), and
 * {@code iface=ADDRESS-OR-NAME} (the interface to send on). {@code cbr=KBIT} pads the stream with
 * null packets to that constant rate, with a PCR at least every {@code pcr=MS} (default 20), for
 * DVB muxers (see {@link CbrPacer}).
 */
final class UdpPushTarget extends PushTarget {

    private static final int DATAGRAM = 7 * 188;
    private static final int DEFAULT_PCR_MILLIS = 20;
    /** How much of the stream may queue for a constant-rate push, in seconds of its rate. */
    private static final double CBR_QUEUE_SECONDS = 1.0;

    private final InetSocketAddress destination;
    private final boolean multicast;
    private final int ttl;
    private final boolean loop;
    private final String iface;
    /** 0 for the stream's own rate. */
    private final int cbrKbits;
    private final int pcrMillis;

    UdpPushTarget(String host, int port, Map<String, String> query) {
        this.destination = new InetSocketAddress(host, port);
        if (destination.isUnresolved()) {
            throw new IllegalArgumentException("unknown host " + host);
        }
        this.cbrKbits = intOption(query, "cbr", 100, 1_000_000, 0);
        this.pcrMillis = intOption(query, "pcr", 1, 100, DEFAULT_PCR_MILLIS);
        this.multicast = destination.getAddress().isMulticastAddress();
        this.ttl = intOption(query, "ttl", 0, 255, 1);
        this.loop = query.containsKey("multicast_loop");
        this.iface = query.get("iface");
    }

    @Override
    PushConnection open() throws IOException {
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            channel.configureBlocking(false);
            if (multicast) {
                channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, ttl);
                channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, loop);
                if (iface != null) {
                    channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, networkInterface(iface));
                }
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return cbrKbits == 0 ? new Connection(channel, destination)
                : new CbrConnection(channel, destination, new CbrPacer(cbrKbits, pcrMillis, CBR_QUEUE_SECONDS));
    }

    private static NetworkInterface networkInterface(String iface) throws SocketException {
        NetworkInterface byName = NetworkInterface.getByName(iface);
        if (byName != null) {
            return byName;
        }
        try {
            NetworkInterface byAddress = NetworkInterface.getByInetAddress(InetAddress.getByName(iface));
            if (byAddress != null) {
                return byAddress;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new SocketException("no network interface " + iface);
    }

    private static class Connection implements PushConnection {

        final DatagramChannel channel;
        /** Not connected: an unconnected channel ignores "port unreachable" while nobody listens, as UDP senders do. */
        final InetSocketAddress destination;

        Connection(DatagramChannel channel, InetSocketAddress destination) {
            this.channel = channel;
            this.destination = destination;
        }

        @Override
        public boolean finishConnect() {
            return true;
        }

        @Override
        public boolean write(ByteBuffer packets) throws IOException {
            while (packets.remaining() >= 188) {
                int limit = packets.limit();
                packets.limit(packets.position() + Math.min(DATAGRAM, packets.remaining() / 188 * 188));
                int n;
                try {
                    n = channel.send(packets, destination);
                } finally {
                    packets.limit(limit);
                }
                if (n == 0) {
                    return false;
                }
            }
            return true;
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

    /**
     * A constant-rate push: writes queue in the pacer (a full queue pushes back on the push, whose
     * reader then falls behind and skips ahead, never on the stream), and {@link CbrClock} sends
     * each datagram at its time.
     */
    private static final class CbrConnection extends Connection implements CbrClock.Paced {

        private final CbrPacer pacer;
        private final byte[] datagram = new byte[CbrPacer.DATAGRAM];
        private final ByteBuffer datagramBuffer = ByteBuffer.wrap(datagram);
        private volatile IOException failure;

        CbrConnection(DatagramChannel channel, InetSocketAddress destination, CbrPacer pacer) {
            super(channel, destination);
            this.pacer = pacer;
            CbrClock.add(this);
        }

        @Override
        public boolean write(ByteBuffer packets) throws IOException {
            check();
            return pacer.offer(packets, System.nanoTime());
        }

        @Override
        public void check() throws IOException {
            IOException e = failure;
            if (e != null) {
                throw e;
            }
        }

        @Override
        public void sendDue(long now) {
            try {
                while (failure == null && pacer.fill(now, datagram)) {
                    channel.send(datagramBuffer.clear(), destination); // a full socket buffer drops it, as UDP does
                }
            } catch (IOException e) {
                failure = e;
            }
        }

        @Override
        public void close() {
            CbrClock.remove(this);
            super.close();
        }
    }
}
