package org.openstreamer.web.playback.auth;

import java.util.function.Function;

/**
 * What a playback backend said, read from its status and headers by the reference's rules: 200
 * allows, 401 and 403 deny, 301 and 302 redirect to {@code Location}, anything else (and no answer
 * at all) is {@link Verdict#UNKNOWN}, which leaves a session as it was.
 *
 * @param location     where a redirect sends the viewer, or null
 * @param userId       {@code X-UserId}, or null
 * @param maxSessions  the most sessions the user may hold ({@code X-Max-Sessions}, or 1 for {@code X-Unique: true}), or null
 * @param authSeconds  how long the answer holds ({@code X-AuthDuration}): the re-check period, and how long a denial bans
 */
public record BackendAnswer(Verdict verdict, String location, String userId, Integer maxSessions, long authSeconds) {

    public enum Verdict { ALLOW, DENY, REDIRECT, UNKNOWN }

    /** The reference's default re-check period. */
    public static final long DEFAULT_AUTH_SECONDS = 180;
    /** A backend cannot make us ask it more often than this, nor ban for less. */
    static final long MIN_AUTH_SECONDS = 1;
    static final long MAX_AUTH_SECONDS = 7 * 24 * 3600;

    public static final BackendAnswer UNKNOWN = new BackendAnswer(Verdict.UNKNOWN, null, null, null, DEFAULT_AUTH_SECONDS);

    /** The answer of an HTTP reply; {@code header} gives a response header's first value, or null. */
    public static BackendAnswer of(int status, Function<String, String> header) {
        Verdict verdict = switch (status) {
            case 200 -> Verdict.ALLOW;
            case 401, 403 -> Verdict.DENY;
            case 301, 302 -> header.apply("Location") == null ? Verdict.UNKNOWN : Verdict.REDIRECT;
            default -> Verdict.UNKNOWN;
        };
        String userId = blankToNull(header.apply("X-UserId"));
        Integer max = positive(header.apply("X-Max-Sessions"));
        if (max == null && "true".equalsIgnoreCase(trim(header.apply("X-Unique")))) {
            max = 1; // the older spelling; X-Max-Sessions wins when both come
        }
        Integer duration = positive(header.apply("X-AuthDuration"));
        long seconds = duration == null ? DEFAULT_AUTH_SECONDS : Math.max(MIN_AUTH_SECONDS, Math.min(MAX_AUTH_SECONDS, duration));
        return new BackendAnswer(verdict, verdict == Verdict.REDIRECT ? header.apply("Location") : null,
                userId, max, seconds);
    }

    private static Integer positive(String value) {
        String v = trim(value);
        if (v == null || v.isEmpty() || v.length() > 9) {
            return null;
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return null;
            }
        }
        int n = Integer.parseInt(v);
        return n > 0 ? n : null;
    }

    private static String blankToNull(String value) {
        String v = trim(value);
        return v == null || v.isEmpty() ? null : v.length() > 255 ? v.substring(0, 255) : v;
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }
}
