package org.openstreamer.ejb.config.text;

import java.util.regex.Pattern;

/** Lines of the text format with two-space indentation and words quoted only where they must be. */
final class TextWriter {

    private static final Pattern BARE = Pattern.compile("[^\\s{};\"]+");

    private final StringBuilder out = new StringBuilder();
    private int depth;

    /** {@code value} as one word: bare when it reads back unchanged, quoted otherwise. */
    static String word(String value) {
        if (BARE.matcher(value).matches() && !value.startsWith("#")) {
            return value;
        }
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** {@code key=value}, the value quoted where it must be. */
    static String option(String key, String value) {
        return key + "=" + word(value);
    }

    /** A directive ending in ';': words already formatted. */
    void line(String... words) {
        indent().append(String.join(" ", words)).append(";\n");
    }

    void open(String... words) {
        indent().append(String.join(" ", words)).append(" {\n");
        depth++;
    }

    void close() {
        depth--;
        indent().append("}\n");
    }

    void comment(String text) {
        for (String l : text.split("\n", -1)) {
            indent().append(l.isEmpty() ? "#" : "# " + l).append('\n');
        }
    }

    void blank() {
        int n = out.length();
        if (n > 0 && !(n >= 2 && out.charAt(n - 1) == '\n' && out.charAt(n - 2) == '\n')) {
            out.append('\n');
        }
    }

    private StringBuilder indent() {
        return out.append("  ".repeat(depth));
    }

    String text() {
        return out.toString();
    }
}
