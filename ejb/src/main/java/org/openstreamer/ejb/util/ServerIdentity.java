package org.openstreamer.ejb.util;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Properties;

/** Who this server is: product version, node and host name, process uptime. */
public final class ServerIdentity {

    public static final String VERSION = readVersion();

    private ServerIdentity() {
    }

    /** WildFly's node name (defaults to the host name); unique per cluster member. */
    public static String node() {
        return System.getProperty("jboss.node.name", hostname());
    }

    public static String hostname() {
        String configured = System.getProperty("jboss.host.name");
        if (configured != null) {
            return configured;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    public static long uptimeSeconds() {
        return ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
    }

    private static String readVersion() {
        try (InputStream in = ServerIdentity.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
