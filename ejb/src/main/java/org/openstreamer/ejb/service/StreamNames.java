package org.openstreamer.ejb.service;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The stream name rule: 1..255 characters, segments of {@code [A-Za-z0-9._-]} separated by
 * {@code /}. No segment may be empty, {@code .} or {@code ..} (names become folder names), or
 * {@code -} (kept free for sub-resources of a stream). A name of several segments may not end
 * with one of the operations the API appends to a stream's address ({@code /restart},
 * {@code /switch_source}, {@code /health}): {@code GET /streams/live/health} is the health of
 * stream {@code live}, so a stream {@code live/health} could not be read.
 */
public final class StreamNames {

    public static final int MAX_LENGTH = 255;

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._/-]{0,255}");
    /** Last segments the API reads as an operation on the stream before them. */
    public static final Set<String> OPERATIONS = Set.of("restart", "switch_source", "health");

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
        String[] segments = name.split("/", -1);
        for (String segment : segments) {
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
        if (segments.length > 1 && OPERATIONS.contains(segments[segments.length - 1])) {
            return "A stream name of several segments may not end with '/" + segments[segments.length - 1]
                    + "': the API reads that as an operation on stream '"
                    + name.substring(0, name.lastIndexOf('/')) + "'.";
        }
        return null;
    }

    /** Whether {@code prefix} may start a stream name (same characters; may end with '/'). */
    public static boolean isPrefix(String prefix) {
        return PREFIX.matcher(prefix).matches();
    }
}
