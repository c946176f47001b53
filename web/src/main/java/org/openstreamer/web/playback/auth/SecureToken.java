package org.openstreamer.web.playback.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * {@code on_play securetoken://SECRET}: tokens the server checks itself, without a backend. The
 * site makes {@code HASH-SALT-ENDTIME-STARTTIME}, where HASH is the hex SHA-1 of stream name +
 * client IP + STARTTIME + ENDTIME + SECRET + SALT (times in Unix seconds); the token is good for
 * that stream and IP from STARTTIME to ENDTIME.
 */
public final class SecureToken {

    public static final String SCHEME = "securetoken";
    /** A clock skew between the site and this server that is forgiven at both ends of the window. */
    static final long SKEW_SECONDS = 5;

    private SecureToken() {
    }

    /** The secret of a {@code securetoken://SECRET} value, or null when it is another kind of backend. */
    public static String secretOf(java.net.URI onPlay) {
        if (onPlay == null || !SCHEME.equals(onPlay.getScheme() == null ? null : onPlay.getScheme().toLowerCase(Locale.ROOT))) {
            return null;
        }
        String s = onPlay.getRawSchemeSpecificPart();
        return s.startsWith("//") ? s.substring(2) : s;
    }

    /** Whether {@code token} was made with {@code secret} for this stream and IP and is valid at {@code nowSeconds}. */
    public static boolean valid(String token, String stream, String ip, String secret, long nowSeconds) {
        if (token == null || token.length() > 200) {
            return false;
        }
        String[] parts = token.split("-", -1);
        if (parts.length != 4 || parts[0].length() != 40 || parts[1].isEmpty()) {
            return false;
        }
        long end;
        long start;
        try {
            end = Long.parseLong(parts[2]);
            start = Long.parseLong(parts[3]);
        } catch (NumberFormatException e) {
            return false;
        }
        if (nowSeconds < start - SKEW_SECONDS || nowSeconds > end + SKEW_SECONDS) {
            return false;
        }
        byte[] expected = sha1(stream + ip + parts[3] + parts[2] + secret + parts[1]);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(parts[0].toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, given);
    }

    /** A token as a site makes it (for tests and the docs' example). */
    public static String make(String stream, String ip, String secret, String salt, long start, long end) {
        return HexFormat.of().formatHex(sha1(stream + ip + start + end + secret + salt)) + "-" + salt + "-" + end + "-" + start;
    }

    private static byte[] sha1(String s) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
