package org.openstreamer.ejb.service;

import java.util.regex.Pattern;

/**
 * The stream name rule: 1..255 characters, segments of {@code [A-Za-z0-9._-]} separated by
 * {@code /}. No segment may be empty, {@code .} or {@code ..} (names become folder names), or
 * {@code -} (the API keeps {@code /-/} for sub-resources of a stream).
 */
public final class StreamNames {

    public static final int MAX_LENGTH = 255;

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._/-]{0,255}");

    private StreamNames() {
    }

    public static void validate(String name, String field) {
        String problem = problem(name);
        if (problem != null) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, field, problem);
        }
    }

    /** What is wrong with {@code name}, or null when it is a valid stream name. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "A stream name is required.";
        }
        if (name.length() > MAX_LENGTH) {
            return "A stream name has at most " + MAX_LENGTH + " characters.";
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty()) {
                return "A stream name has no empty segments (no leading, trailing or double '/').";
            }
            if (!SEGMENT.matcher(segment).matches()) {
                return "A stream name may contain only letters A-Z and a-z, digits, '.', '_', '-' and '/' between segments.";
            }
            if (segment.equals(".") || segment.equals("..") || segment.equals("-")) {
                return "A stream name segment may not be '.', '..' or '-'.";
            }
        }
        return null;
    }

    /** Whether {@code prefix} may start a stream name (same characters; may end with '/'). */
    public static boolean isPrefix(String prefix) {
        return PREFIX.matcher(prefix).matches();
    }
}
