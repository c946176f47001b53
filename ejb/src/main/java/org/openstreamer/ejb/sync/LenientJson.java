package org.openstreamer.ejb.sync;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.StringReader;

/**
 * Reads what configuration backends actually send: strict JSON, and also the text a Python
 * backend produces with {@code str(dict)} instead of {@code json.dumps} (single-quoted strings,
 * {@code True}/{@code False}/{@code None}), with trailing commas and a leading byte-order mark
 * tolerated. Everything else must be JSON; errors name the offset.
 */
final class LenientJson {

    private LenientJson() {
    }

    static JsonValue parse(String text) {
        String json = normalize(text);
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }

    /** The same document as strict JSON (strings re-quoted, Python literals translated, trailing commas dropped). */
    static String normalize(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                i = string(text, i, out);
            } else if (Character.isLetter(c)) {
                int end = i;
                while (end < n && Character.isLetterOrDigit(text.charAt(end))) {
                    end++;
                }
                String word = text.substring(i, end);
                out.append(switch (word) {
                    case "True" -> "true";
                    case "False" -> "false";
                    case "None" -> "null";
                    default -> word;
                });
                i = end;
            } else if (c == ',' && closesNext(text, i + 1)) {
                i++; // trailing comma
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Copies the string literal starting at {@code start} as a double-quoted JSON string; returns the index after it. */
    private static int string(String text, int start, StringBuilder out) {
        char quote = text.charAt(start);
        out.append('"');
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                if (next == '\'') {
                    out.append('\''); // \' is Python, not JSON
                } else {
                    out.append(c).append(next);
                }
                i += 2;
            } else if (c == quote) {
                out.append('"');
                return i + 1;
            } else {
                if (c == '"') {
                    out.append('\\');
                }
                out.append(c);
                i++;
            }
        }
        throw new IllegalArgumentException("unterminated string starting at offset " + start);
    }

    private static boolean closesNext(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '}' || c == ']';
            }
        }
        return false;
    }
}
