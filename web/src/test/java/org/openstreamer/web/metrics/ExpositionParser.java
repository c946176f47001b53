package org.openstreamer.web.metrics;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A strict reader of the Prometheus text format 0.0.4, written from the format's description for
 * tests (also the integration tests'): every line is a HELP, a TYPE, another comment, blank, or
 * {@code name{label="value",...} value [timestamp]}. It refuses what Prometheus would refuse or
 * what a careful exporter never writes: a bad name or escape, an unparsable number, a TYPE after
 * its family's samples or twice, a family whose samples are not together, a series twice.
 */
public final class ExpositionParser {

    /** The samples by series ({@code name{labels}} exactly as written), and each family's type. */
    public record Exposition(Map<String, Double> samples, Map<String, String> types) {

        /** The value of the one series of {@code name} whose labels include all of {@code labels}, or null. */
        public Double value(String name, Map<String, String> labels) {
            Double found = null;
            for (Map.Entry<String, Double> e : samples.entrySet()) {
                if (nameOf(e.getKey()).equals(name) && labelsOf(e.getKey()).entrySet().containsAll(labels.entrySet())) {
                    if (found != null) {
                        throw new IllegalArgumentException("more than one series of " + name + " with " + labels);
                    }
                    found = e.getValue();
                }
            }
            return found;
        }
    }

    private ExpositionParser() {
    }

    public static Exposition parse(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        Map<String, String> types = new HashMap<>();
        Map<String, Boolean> helps = new HashMap<>();
        java.util.Set<String> finished = new java.util.HashSet<>();
        String current = null;
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the last line has no line feed");
        }
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            try {
                if (line.startsWith("#")) {
                    String[] parts = line.split(" ", 4);
                    if (parts.length >= 3 && (parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
                        String name = parts[2];
                        checkName(name);
                        if (parts[1].equals("TYPE")) {
                            String type = parts.length == 4 ? parts[3] : "";
                            if (!type.matches("counter|gauge|histogram|summary|untyped")) {
                                throw new IllegalArgumentException("unknown type " + type);
                            }
                            if (types.put(name, type) != null || name.equals(current) || finished.contains(name)) {
                                throw new IllegalArgumentException("TYPE twice or after the samples of " + name);
                            }
                        } else {
                            if (helps.put(name, true) != null) {
                                throw new IllegalArgumentException("HELP twice for " + name);
                            }
                            unescape(parts.length == 4 ? parts[3] : "", false);
                        }
                    }
                    continue;
                }
                int end = 0;
                while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                    end++;
                }
                String name = line.substring(0, end);
                checkName(name);
                if (!name.equals(current)) {
                    if (current != null) {
                        finished.add(current);
                    }
                    if (finished.contains(name)) {
                        throw new IllegalArgumentException("the samples of " + name + " are not together");
                    }
                    current = name;
                }
                int i = end;
                if (i < line.length() && line.charAt(i) == '{') {
                    i = labels(line, i + 1, new LinkedHashMap<>());
                }
                String series = line.substring(0, i);
                if (i >= line.length() || line.charAt(i) != ' ') {
                    throw new IllegalArgumentException("no value");
                }
                String[] rest = line.substring(i + 1).split(" ", -1);
                if (rest.length > 2) {
                    throw new IllegalArgumentException("more than a value and a timestamp");
                }
                double value = number(rest[0]);
                if (rest.length == 2) {
                    Long.parseLong(rest[1]);
                }
                if (samples.put(series, value) != null) {
                    throw new IllegalArgumentException("series twice: " + series);
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + n + " \"" + line + "\": " + e.getMessage(), e);
            }
        }
        return new Exposition(samples, types);
    }

    static String nameOf(String series) {
        int brace = series.indexOf('{');
        return brace < 0 ? series : series.substring(0, brace);
    }

    static Map<String, String> labelsOf(String series) {
        Map<String, String> labels = new LinkedHashMap<>();
        int brace = series.indexOf('{');
        if (brace >= 0) {
            labels(series, brace + 1, labels);
        }
        return labels;
    }

    /** Reads {@code name="value",...}} from {@code i}; returns the index after the closing brace. */
    private static int labels(String s, int i, Map<String, String> out) {
        while (true) {
            if (i < s.length() && s.charAt(i) == '}') {
                return i + 1;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                throw new IllegalArgumentException("label without a value");
            }
            String label = s.substring(i, eq);
            if (!label.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
                throw new IllegalArgumentException("bad label name " + label);
            }
            if (eq + 1 >= s.length() || s.charAt(eq + 1) != '"') {
                throw new IllegalArgumentException("label value not quoted");
            }
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            while (true) {
                if (j >= s.length()) {
                    throw new IllegalArgumentException("unterminated label value");
                }
                char c = s.charAt(j);
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    if (j + 1 >= s.length()) {
                        throw new IllegalArgumentException("dangling backslash");
                    }
                    char e = s.charAt(++j);
                    value.append(switch (e) {
                        case '\\' -> '\\';
                        case '"' -> '"';
                        case 'n' -> '\n';
                        default -> throw new IllegalArgumentException("bad escape \\" + e);
                    });
                } else {
                    value.append(c);
                }
                j++;
            }
            if (out.put(label, value.toString()) != null) {
                throw new IllegalArgumentException("label twice: " + label);
            }
            i = j + 1;
            if (i < s.length() && s.charAt(i) == ',') {
                i++;
            } else if (i >= s.length() || s.charAt(i) != '}') {
                throw new IllegalArgumentException("expected , or } after a label");
            }
        }
    }

    private static String unescape(String s, boolean quotes) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                char e = i + 1 < s.length() ? s.charAt(++i) : ' ';
                if (e != '\\' && e != 'n' && !(quotes && e == '"')) {
                    throw new IllegalArgumentException("bad escape in HELP");
                }
                out.append(e == 'n' ? '\n' : e);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void checkName(String name) {
        if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
            throw new IllegalArgumentException("bad metric name " + name);
        }
    }

    /** Go's float syntax as Prometheus reads it, without hexadecimal forms. */
    private static double number(String s) {
        switch (s) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                if (!s.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
                    throw new IllegalArgumentException("bad number " + s);
                }
                return Double.parseDouble(s);
        }
    }
}
