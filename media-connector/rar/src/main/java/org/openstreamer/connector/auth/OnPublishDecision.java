package org.openstreamer.connector.auth;

/**
 * What an {@code on_publish} backend decided, read the reference's way: {@code 200} starts the
 * publication; {@code 401} and {@code 403} refuse it (and the refusal is remembered for a while);
 * any other answer refuses it too, since only 200 starts a publication, but is not remembered:
 * redirects are not followed (a publisher cannot be sent elsewhere); a {@code 5xx}, no answer
 * within the deadline or a backend that cannot be reached leaves the publisher out without marking
 * it as denied, so that it may try again at once.
 *
 * @param verdict what to do with the publisher
 * @param reason  a sentence for the publisher and the log, null when allowed
 */
public record OnPublishDecision(Verdict verdict, String reason) {

    public enum Verdict {
        ALLOW,
        /** Refused by the backend (HTTP 401 or 403): remembered. */
        DENY,
        /** Refused because the backend did not say 200 (a redirect, another 4xx, a 2xx other than 200). */
        REFUSE,
        /** No usable answer: a 5xx, a timeout, a connection failure, too many requests in flight. */
        UNAVAILABLE
    }

    /** Longest reason taken from a backend's answer. */
    static final int MAX_REASON = 200;

    public static final OnPublishDecision ALLOWED = new OnPublishDecision(Verdict.ALLOW, null);

    public boolean allowed() {
        return verdict == Verdict.ALLOW;
    }

    /**
     * The decision for a backend's answer.
     *
     * @param body        the start of the response body as text (plain text is the reason the backend gives), or null
     * @param contentType the response's {@code Content-Type}, or null
     * @param location    the {@code Location} header of a redirect, or null
     */
    public static OnPublishDecision of(int status, String contentType, String body, String location) {
        if (status == 200) {
            return ALLOWED;
        }
        String given = reasonFrom(contentType, body);
        if (status == 401 || status == 403) {
            return new OnPublishDecision(Verdict.DENY, "refused by the on_publish backend"
                    + (given == null ? " (HTTP " + status + ")" : ": " + given));
        }
        if (status >= 500) {
            return unavailable("the on_publish backend failed (HTTP " + status + (given == null ? ")" : ": " + given + ")"));
        }
        if (status >= 300 && status < 400) {
            return new OnPublishDecision(Verdict.REFUSE, "the on_publish backend redirected (HTTP " + status
                    + (location == null ? "" : " to " + clean(location)) + "); only 200 lets a publisher in");
        }
        return new OnPublishDecision(Verdict.REFUSE, "the on_publish backend answered HTTP " + status
                + (given == null ? "" : ": " + given) + "; only 200 lets a publisher in");
    }

    public static OnPublishDecision unavailable(String reason) {
        return new OnPublishDecision(Verdict.UNAVAILABLE, reason);
    }

    /** The first line of a plain-text body, cleaned and shortened; null for other bodies or none. */
    static String reasonFrom(String contentType, String body) {
        if (body == null || (contentType != null && !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("text/plain"))) {
            return null;
        }
        String line = body.strip().lines().findFirst().orElse("");
        String cleaned = clean(line);
        return cleaned.isEmpty() ? null : cleaned;
    }

    /** Without control characters, at most {@link #MAX_REASON} characters. */
    private static String clean(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_REASON));
        for (int i = 0; i < s.length() && b.length() < MAX_REASON; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? ' ' : c);
        }
        return b.toString().strip();
    }
}
