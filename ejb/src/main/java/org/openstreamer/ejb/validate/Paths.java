package org.openstreamer.ejb.validate;

/** File paths taken from configuration: checked as text, never resolved here. */
final class Paths {

    private Paths() {
    }

    /** An absolute path without {@code .} or {@code ..} segments, empty segments or control characters. */
    static boolean isAbsolute(String path) {
        return path.startsWith("/") && (path.length() == 1 || segmentsOk(path.substring(1)));
    }

    /** A relative path ({@code vod/blank.mp4}) that cannot climb out of its base. */
    static boolean isRelativeUnder(String path) {
        return !path.startsWith("/") && !path.contains("://") && segmentsOk(path);
    }

    private static boolean segmentsOk(String path) {
        if (path.length() > StreamOptionsValidator.MAX_PATH || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
