package org.openstreamer.connector.ingest.srt;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.logging.Logger;

/** The addresses of this server's SRT side: where it listens, and what it tells the configuration backend. */
final class ServerAddress {

    private static final Inet4Address LOOPBACK = loopback();
    /**
     * The IPv4 address every SRT port binds to: system property {@code openstreamer.srt.bind-address},
     * else WildFly's bind address ({@code -b}, which {@code ./run} sets from {@code BIND_ADDRESS}),
     * else 127.0.0.1 as WildFly's own default; {@code 0.0.0.0} means every interface.
     */
    static final Inet4Address LISTEN = listenAddress();

    private ServerAddress() {
    }

    /**
     * Where one port listens: its own address from the configuration, else {@link #LISTEN}. The
     * API accepts IPv4 literals only; anything else here fails this port's bind, not the others.
     */
    static Inet4Address listenOn(String configured) {
        if (configured == null || configured.isBlank()) {
            return LISTEN;
        }
        Inet4Address a = ipv4(configured.strip());
        if (a == null) {
            throw new IllegalArgumentException("bind address " + configured + " is not an IPv4 address");
        }
        return a;
    }

    /** The address of a dotted-quad literal, or null; never a name lookup. */
    static Inet4Address ipv4(String literal) {
        String[] parts = literal.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int v = Integer.parseInt(parts[i]);
            if (v > 255) {
                return null;
            }
            b[i] = (byte) v;
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(b);
        } catch (java.net.UnknownHostException e) {
            return null; // four bytes are always an address
        }
    }

    private static Inet4Address listenAddress() {
        String configured = System.getProperty("openstreamer.srt.bind-address", System.getProperty("jboss.bind.address", "127.0.0.1"));
        try {
            InetAddress a = InetAddress.getByName(configured.strip().equals("::") ? "0.0.0.0" : configured.strip());
            if (a instanceof Inet4Address v4) {
                return v4;
            }
            Logger.getLogger(ServerAddress.class.getName()).severe("SRT listens on IPv4 only; " + configured
                    + " is not an IPv4 address: listening on 127.0.0.1");
        } catch (java.net.UnknownHostException e) {
            Logger.getLogger(ServerAddress.class.getName()).severe("SRT bind address " + configured + " is unknown: listening on 127.0.0.1");
        }
        return LOOPBACK;
    }

    private static Inet4Address loopback() {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }

    /**
     * System property {@code openstreamer.srt.resolve-host}, else WildFly's bind address when it
     * names one interface, else the first IPv4 address of an interface that is up and not
     * loopback, else 127.0.0.1.
     */
    static String forBackend() {
        String configured = System.getProperty("openstreamer.srt.resolve-host");
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        String bind = System.getProperty("jboss.bind.address");
        if (bind != null && !bind.isBlank() && !bind.equals("0.0.0.0") && !bind.equals("::")) {
            return bind;
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isUp() && !nic.isLoopback()) {
                    for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                        if (a instanceof Inet4Address) {
                            return a.getHostAddress();
                        }
                    }
                }
            }
        } catch (SocketException e) {
            // fall through to loopback
        }
        return "127.0.0.1";
    }
}
