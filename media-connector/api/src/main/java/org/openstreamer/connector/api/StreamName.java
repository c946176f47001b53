package org.openstreamer.connector.api;

import java.util.Set;

/**
 * The one stream name rule, for every layer (API validation, URL parsing, the engine's lookups):
 * 1..255 characters, segments of {@code [A-Za-z0-9._-]} separated by {@code /}. No segment may be
 * empty, {@code .} or {@code ..} (names become folder names of the archive), or {@code -} (kept
 * free for sub-resources of a stream). A name of several segments may not end with one of the
 * operations the API appends to a stream's address ({@code /restart}, {@code /switch_source},
 * {@code /health}): {@code GET /streams/live/health} is the health of stream {@code live}, so a
 * stream {@code live/health} could not be read.
 */
public final class StreamName {

    public static final int MAX_LENGTH = 255;
    /** A regular expression of the name's alphabet and shape, for URL patterns that capture a name. */
    public static final String PATTERN = "[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*";
    /** Last segments the API reads as an operation on the stream before them. */
    public static final Set<String> OPERATIONS = Set.of("restart", "switch_source", "health");

    private StreamName() {
    }

    /** Whether {@code name} is a valid stream name; allocation-free, for hot paths such as libsrt's listen callback. */
    public static boolean isValid(String name) {
        return problem(name) == null;
    }

    /** What is wrong with {@code name}, or null when it is a valid stream name. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "A stream name is required.";
        }
        if (name.length() > MAX_LENGTH) {
            return "A stream name has at most " + MAX_LENGTH + " characters.";
        }
        int start = 0;
        for (int i = 0; i <= name.length(); i++) {
            if (i < name.length() && name.charAt(i) != '/') {
                if (!allowed(name.charAt(i))) {
                    return "A stream name may contain only letters A-Z and a-z, digits, '.', '_', '-' and '/' between segments.";
                }
                continue;
            }
            int length = i - start;
            if (length == 0) {
                return "A stream name has no empty segments (no leading, trailing or double '/').";
            }
            if (length <= 2 && (name.startsWith(".", start) && (length == 1 || name.charAt(start + 1) == '.')
                    || length == 1 && name.charAt(start) == '-')) {
                return "A stream name segment may not be '.', '..' or '-'.";
            }
            if (i == name.length() && start > 0 && isOperation(name, start)) {
                return "A stream name of several segments may not end with '/" + name.substring(start)
                        + "': the API reads that as an operation on stream '" + name.substring(0, start - 1) + "'.";
            }
            start = i + 1;
        }
        return null;
    }

    /** Whether {@code prefix} may start a stream name: the same characters, up to 255, and it may end with '/'. */
    public static boolean isPrefix(String prefix) {
        if (prefix.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (prefix.charAt(i) != '/' && !allowed(prefix.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isOperation(String name, int start) {
        for (String op : OPERATIONS) {
            if (name.length() - start == op.length() && name.startsWith(op, start)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allowed(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    }
}
