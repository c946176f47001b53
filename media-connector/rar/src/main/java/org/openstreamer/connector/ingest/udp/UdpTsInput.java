package org.openstreamer.connector.ingest.udp;

import org.openstreamer.connector.ingest.pull.PullUrl;
import org.openstreamer.connector.ingest.pull.PullClients;
import org.openstreamer.connector.ingest.pull.TsInput;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Enumeration;

/**
 * {@code udp://ADDRESS:PORT[/INTERFACE_ADDRESS]}: MPEG-TS in datagrams, plain or in RTP (payload
 * type 33, header stripped). A multicast ADDRESS is joined on the interface that has
 * INTERFACE_ADDRESS, or on the first multicast-capable one that is up; any other ADDRESS is the
 * local address to listen on. Datagrams waiting are read in one go, up to the caller's buffer.
 */
public final class UdpTsInput implements TsInput {

    /** Asked of the kernel for the receive buffer (it may grant less): a burst of an HD stream fits. */
    static final int RECEIVE_BUFFER = 16 << 20;
    /** Another datagram is read into the caller's buffer only while this much room is left (jumbo frames fit). */
    static final int ROOM_FOR_ONE = 9216;
    private static final int RTP_MP2T = 33;

    private final DatagramChannel channel;
    private final Selector selector;
    private ByteBuffer view;

    private UdpTsInput(DatagramChannel channel, Selector selector) {
        this.channel = channel;
        this.selector = selector;
    }

    public static UdpTsInput open(PullUrl url) throws IOException {
        InetAddress address = InetAddress.getByName(url.host());
        DatagramChannel ch = DatagramChannel.open(address instanceof Inet6Address ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET);
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
            if (address.isMulticastAddress()) {
                NetworkInterface nic = nic(url);
                // bound to the group, not the wildcard: other groups on this port stay with their own streams
                ch.bind(new InetSocketAddress(address, url.port()));
                ch.setOption(StandardSocketOptions.IP_MULTICAST_IF, nic);
                ch.join(address, nic);
            } else {
                if (url.path() != null) {
                    throw new IOException("an interface address is for multicast groups only: " + url.url());
                }
                ch.bind(new InetSocketAddress(address, url.port()));
            }
            ch.configureBlocking(false);
            Selector selector = Selector.open();
            ch.register(selector, SelectionKey.OP_READ);
            return new UdpTsInput(ch, selector);
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot receive " + url.url() + ": " + e.getMessage(), e);
        }
    }

    /** The interface that owns the URL's interface address, or the first one up that does multicast. */
    private static NetworkInterface nic(PullUrl url) throws IOException {
        if (url.path() != null) {
            NetworkInterface nic = NetworkInterface.getByInetAddress(InetAddress.getByName(url.path()));
            if (nic == null) {
                throw new IOException("no network interface has the address " + url.path());
            }
            return nic;
        }
        NetworkInterface loopback = null;
        for (Enumeration<NetworkInterface> e = NetworkInterface.getNetworkInterfaces(); e.hasMoreElements(); ) {
            NetworkInterface nic = e.nextElement();
            if (!isUp(nic)) {
                continue;
            }
            if (nic.isLoopback()) {
                loopback = nic;
            } else if (nic.supportsMulticast()) {
                return nic;
            }
        }
        if (loopback == null) {
            throw new IOException("no network interface is up to join " + url.host());
        }
        return loopback;
    }

    private static boolean isUp(NetworkInterface nic) {
        try {
            return nic.isUp();
        } catch (SocketException e) {
            return false;
        }
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (view == null || view.array() != buf) {
            view = ByteBuffer.wrap(buf);
        }
        if (selector.select(PullClients.POLL_MILLIS) == 0) {
            selector.selectedKeys().clear();
            return 0;
        }
        selector.selectedKeys().clear();
        int end = off;
        int limit = off + len;
        while (limit - end >= ROOM_FOR_ONE || end == off) {
            view.limit(limit).position(end);
            if (channel.receive(view) == null) {
                break;
            }
            end = unwrapRtp(buf, end, view.position());
        }
        return end - off;
    }

    /**
     * A datagram at {@code [start, end)} that is RTP carrying MPEG-TS loses its RTP header (moved
     * over in place); a plain TS datagram is left alone. Returns where the datagram's TS ends.
     */
    static int unwrapRtp(byte[] buf, int start, int end) {
        int n = end - start;
        if (n < 12 || buf[start] == 0x47 || (buf[start] & 0xC0) != 0x80 || (buf[start + 1] & 0x7F) != RTP_MP2T) {
            return end;
        }
        int header = 12 + 4 * (buf[start] & 0x0F);
        if ((buf[start] & 0x10) != 0 && n >= header + 4) { // a header extension: its length in 32-bit words
            header += 4 + 4 * (((buf[start + header + 2] & 0xFF) << 8) | (buf[start + header + 3] & 0xFF));
        }
        int padding = (buf[start] & 0x20) != 0 ? buf[end - 1] & 0xFF : 0;
        int payload = n - header - padding;
        if (payload <= 0) {
            return start;
        }
        System.arraycopy(buf, start + header, buf, start, payload);
        return start + payload;
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }
}
