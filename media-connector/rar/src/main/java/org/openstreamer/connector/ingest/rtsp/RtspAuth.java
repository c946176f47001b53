package org.openstreamer.connector.ingest.rtsp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code Authorization} header for a server's challenge: Digest (RFC 2617 / RFC 7616 with MD5,
 * with or without {@code qop=auth}) when offered, else Basic. Made from the first 401's
 * {@code WWW-Authenticate} headers, then asked for a header per request (Digest hashes the method
 * and URI of each).
 */
public final class RtspAuth {

    private final String user;
    private final String password;
    private final boolean digest;
    private final Map<String, String> params;
    private final String cnonce;
    private int nonceCount;

    private RtspAuth(String user, String password, boolean digest, Map<String, String> params) {
        this.user = user;
        this.password = password;
        this.digest = digest;
        this.params = params;
        byte[] r = new byte[8];
        new SecureRandom().nextBytes(r);
        this.cnonce = HexFormat.of().formatHex(r);
    }

    /**
     * @param challenges the values of {@code WWW-Authenticate}
     * @throws RtspProtocolException when none is Digest (MD5) or Basic
     */
    public static RtspAuth of(List<String> challenges, String user, String password) throws RtspProtocolException {
        RtspAuth basic = null;
        for (String c : challenges) {
            String scheme = c.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            if (scheme.equals("digest")) {
                Map<String, String> p = params(c.substring(scheme.length()));
                String alg = p.getOrDefault("algorithm", "MD5");
                if (p.containsKey("nonce") && p.containsKey("realm") && alg.equalsIgnoreCase("MD5")) {
                    return new RtspAuth(user, password, true, p);
                }
            } else if (scheme.equals("basic")) {
                basic = new RtspAuth(user, password, false, Map.of());
            }
        }
        if (basic == null) {
            throw new RtspProtocolException("the server asks for an authentication this client does not speak: "
                    + (challenges.isEmpty() ? "no WWW-Authenticate header" : String.join(", ", challenges)));
        }
        return basic;
    }

    /** The {@code Authorization} header value for one request. */
    public String header(String method, String uri) {
        if (!digest) {
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
        String realm = params.get("realm");
        String nonce = params.get("nonce");
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        boolean qopAuth = params.containsKey("qop") && List.of(params.get("qop").toLowerCase(Locale.ROOT).split("\\s*,\\s*")).contains("auth");
        StringBuilder h = new StringBuilder("Digest username=\"").append(user).append("\", realm=\"").append(realm)
                .append("\", nonce=\"").append(nonce).append("\", uri=\"").append(uri).append('"');
        if (qopAuth) {
            String nc = String.format("%08x", ++nonceCount);
            h.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"')
                    .append(", response=\"").append(md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2)).append('"');
        } else {
            h.append(", response=\"").append(md5(ha1 + ":" + nonce + ":" + ha2)).append('"');
        }
        if (params.containsKey("opaque")) {
            h.append(", opaque=\"").append(params.get("opaque")).append('"');
        }
        return h.toString();
    }

    /** {@code realm="x", nonce="y", qop="auth"} into a map, keys lower case. */
    static Map<String, String> params(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) {
                i++;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = s.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            String value;
            if (i < n && s.charAt(i) == '"') {
                int close = s.indexOf('"', i + 1);
                if (close < 0) {
                    close = n;
                }
                value = s.substring(i + 1, close);
                i = close + 1;
            } else {
                int comma = s.indexOf(',', i);
                if (comma < 0) {
                    comma = n;
                }
                value = s.substring(i, comma).trim();
                i = comma;
            }
            out.put(key, value);
        }
        return out;
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
