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
 * {@code iface=ADDRESS-OR-NAME} (the interface to send on).
 */
final class UdpPushTarget extends PushTarget {

    private static final int DATAGRAM = 7 * 188;

    private final InetSocketAddress destination;
    private final boolean multicast;
    private final int ttl;
    private final boolean loop;
    private final String iface;

    UdpPushTarget(String host, int port, Map<String, String> query) {
        this.destination = new InetSocketAddress(host, port);
        if (destination.isUnresolved()) {
            throw new IllegalArgumentException("unknown host " + host);
        }
        if (query.containsKey("cbr")) {
            throw new IllegalArgumentException("the cbr option of UDP pushes is not supported yet");
        }
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
        return new Connection(channel, destination);
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

    private static final class Connection implements PushConnection {

        private final DatagramChannel channel;
        /** Not connected: an unconnected channel ignores "port unreachable" while nobody listens, as UDP senders do. */
        private final InetSocketAddress destination;

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
}
