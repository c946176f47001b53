package org.openstreamer.connector.ingest.srt;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/** The address this server tells the configuration backend it is ({@code host=} of port lookups). */
final class ServerAddress {

    private ServerAddress() {
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
