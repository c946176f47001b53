package org.openstreamer.ejb.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A stream's {@code domains} (the reference's referer lock): the sites a page embedding the player
 * may be on. {@code example.com} matches that host only, {@code *.example.com} any host under it
 * (not {@code example.com} itself), and {@code *} any host. A request whose {@code Referer} names
 * another host (or names none, being malformed) is refused; a request without a {@code Referer}
 * passes, as in the reference (players such as iOS's send none, so this protects embeddings only).
 */
public final class RefererDomains {

    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    private final List<String> exact = new ArrayList<>();
    private final List<String> suffixes = new ArrayList<>();
    private boolean any;

    private RefererDomains() {
    }

    /** The lock of these patterns; IllegalArgumentException naming the first that is not a host, {@code *.host} or {@code *}. */
    public static RefererDomains parse(List<String> patterns) {
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("domains needs at least one host, *.host or *");
        }
        RefererDomains d = new RefererDomains();
        for (String raw : patterns) {
            String p = normalize(raw);
            if (p.equals("*") && raw.trim().equals("*")) {
                d.any = true;
            } else if (p.startsWith("*.") && HOST.matcher(p.substring(2)).matches()) {
                d.suffixes.add(p.substring(1)); // ".example.com"
            } else if (HOST.matcher(p).matches()) {
                d.exact.add(p);
            } else {
                throw new IllegalArgumentException("'" + raw + "' is not a host name, *.host or *");
            }
        }
        return d;
    }

    /** Whether a request with this {@code Referer} header (null when it sent none) may play. */
    public boolean allows(String referer) {
        if (referer == null || referer.isBlank() || any) {
            return true;
        }
        String host = hostOf(referer.trim());
        if (host == null) {
            return false;
        }
        host = normalize(host);
        if (exact.contains(host)) {
            return true;
        }
        for (String suffix : suffixes) {
            if (host.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    /** The host of a Referer URL (an RTMP pageUrl is one too), or null when it has none. */
    static String hostOf(String referer) {
        try {
            return new URI(referer).getHost();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String normalize(String s) {
        String lower = s.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
