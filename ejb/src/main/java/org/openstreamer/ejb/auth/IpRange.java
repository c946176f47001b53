package org.openstreamer.ejb.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An address or a CIDR block of an {@code auth_backend} ip rule, IPv4 or IPv6. IPv4 may be
 * abbreviated as the reference writes it: {@code 172.16/24} is {@code 172.16.0.0/24}. Only
 * literal addresses are accepted (never a name to look up).
 */
public record IpRange(byte[] network, int bits) {

    /** Parses {@code ADDR} or {@code ADDR/BITS}; IllegalArgumentException with a readable message otherwise. */
    public static IpRange parse(String text) {
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = literal(addr);
        if (bytes == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address or CIDR block (e.g. 10.10/16, 2001:db8::/32)");
        }
        int bits = bytes.length * 8;
        if (slash >= 0) {
            String b = text.substring(slash + 1);
            if (!b.matches("[0-9]{1,3}") || Integer.parseInt(b) > bytes.length * 8) {
                throw new IllegalArgumentException("'" + text + "': the prefix length is 0 to " + bytes.length * 8);
            }
            bits = Integer.parseInt(b);
        }
        for (int i = 0; i < bytes.length; i++) { // keep only the network part
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            bytes[i] &= (byte) (0xff << (8 - keep));
        }
        return new IpRange(bytes, bits);
    }

    /** Whether {@code ip} (a literal address, as the viewer's) is in the block; false for anything else. */
    public boolean contains(String ip) {
        byte[] a = ip == null ? null : literal(ip);
        if (a == null) {
            return false;
        }
        if (a.length == 16 && network.length == 4 && isMappedV4(a)) { // ::ffff:10.0.0.1 is 10.0.0.1
            a = java.util.Arrays.copyOfRange(a, 12, 16);
        }
        if (a.length != network.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            if ((a[i] & (0xff << (8 - keep)) & 0xff) != (network[i] & 0xff)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isMappedV4(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    /** The bytes of a literal address (abbreviated IPv4 padded with zeros), or null; never a DNS lookup. */
    static byte[] literal(String s) {
        if (s.isEmpty() || s.length() > 45) {
            return null;
        }
        if (s.indexOf(':') >= 0) {
            String v6 = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
            if (!v6.matches("[0-9A-Fa-f:.]+")) {
                return null; // (a zone id or a name: InetAddress would look names up)
            }
            try {
                byte[] b = InetAddress.getByName(v6).getAddress();
                return b;
            } catch (UnknownHostException e) {
                return null;
            }
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length > 4) {
            return null;
        }
        byte[] b = new byte[4];
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].matches("[0-9]{1,3}") || Integer.parseInt(parts[i]) > 255) {
                return null;
            }
            b[i] = (byte) Integer.parseInt(parts[i]);
        }
        return b;
    }
}
