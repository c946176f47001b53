package org.openstreamer.ejb.auth;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules of a named {@code auth_backend} block, read from its lines ({@code allow ip 10.10/16},
 * {@code deny token T}, {@code allow ua "MAG"}, {@code backend URL}, {@code allow default}) and
 * sorted by kind: the reference evaluates them in a fixed order whatever their order in the block
 * (the playback side does that). Country rules need a GeoIP database, which this server does not
 * have: they are refused, as is anything else not understood, naming the line.
 */
public final class AuthBackendRules {

    private final List<String> allowTokens = new ArrayList<>();
    private final List<String> denyTokens = new ArrayList<>();
    private final List<IpRange> allowIps = new ArrayList<>();
    private final List<IpRange> denyIps = new ArrayList<>();
    private final List<String> allowAgents = new ArrayList<>();
    private final List<String> denyAgents = new ArrayList<>();
    private final List<URI> backends = new ArrayList<>();
    private boolean allowDefault;

    private AuthBackendRules() {
    }

    /** The rules of these lines; IllegalArgumentException naming the line that is wrong. */
    public static AuthBackendRules parse(List<String> lines) {
        AuthBackendRules r = new AuthBackendRules();
        for (String line : lines) {
            r.add(line.trim());
        }
        return r;
    }

    private void add(String line) {
        String[] w = line.split("\\s+", 3);
        String verb = w[0].toLowerCase(Locale.ROOT);
        if (verb.equals("backend") && w.length == 2) {
            backends.add(backendUrl(w[1]));
            return;
        }
        if (!(verb.equals("allow") || verb.equals("deny")) || w.length < 2) {
            throw bad(line, "a rule is allow|deny ip|token|ua VALUE, backend URL or allow|deny default");
        }
        boolean allow = verb.equals("allow");
        String kind = w[1].toLowerCase(Locale.ROOT);
        if (kind.equals("default") && w.length == 2) {
            allowDefault = allow;
            return;
        }
        if (w.length < 3) {
            throw bad(line, "'" + kind + "' needs a value");
        }
        switch (kind) {
            case "ip" -> {
                for (String a : w[2].split("\\s+")) {
                    try {
                        (allow ? allowIps : denyIps).add(IpRange.parse(a));
                    } catch (IllegalArgumentException e) {
                        throw bad(line, e.getMessage());
                    }
                }
            }
            case "token" -> (allow ? allowTokens : denyTokens).add(unquote(w[2]));
            case "ua", "useragent", "user_agent" -> (allow ? allowAgents : denyAgents).add(unquote(w[2]));
            case "country" -> throw bad(line, "country rules need a GeoIP database, which this server does not have;"
                    + " use ip rules or a backend");
            default -> throw bad(line, "unknown rule kind '" + w[1] + "' (ip, token, ua, default)");
        }
    }

    private static URI backendUrl(String url) {
        try {
            URI u = new URI(unquote(url));
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
                return u;
            }
        } catch (java.net.URISyntaxException e) {
            // the message below
        }
        throw bad("backend " + url, "a backend is an http:// or https:// address");
    }

    private static String unquote(String v) {
        String t = v.trim();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1);
        }
        if (t.isEmpty()) {
            throw bad(v, "an empty value matches nothing");
        }
        return t;
    }

    private static IllegalArgumentException bad(String line, String why) {
        return new IllegalArgumentException("'" + line + "': " + why);
    }

    public List<String> allowTokens() { return allowTokens; }
    public List<String> denyTokens() { return denyTokens; }
    public List<IpRange> allowIps() { return allowIps; }
    public List<IpRange> denyIps() { return denyIps; }
    public List<String> allowAgents() { return allowAgents; }
    public List<String> denyAgents() { return denyAgents; }
    public List<URI> backends() { return backends; }
    public boolean allowDefault() { return allowDefault; }
}
