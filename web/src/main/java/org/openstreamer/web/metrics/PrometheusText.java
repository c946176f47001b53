package org.openstreamer.web.metrics;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes the Prometheus text exposition format, version 0.0.4: each family once, its HELP and TYPE
 * lines first and its samples together, label values escaped. Names, label names and the one-time
 * rule are checked as written, so a mistake in a metric's definition fails its test rather than
 * a scrape; a series written twice in a family is refused the same way.
 */
public final class PrometheusText {

    /** The content type a scraper expects for this format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    public enum Type {
        COUNTER, GAUGE;

        String word() {
            return this == COUNTER ? "counter" : "gauge";
        }
    }

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final StringBuilder out;
    private final Set<String> families = new HashSet<>();
    private final Set<String> series = new HashSet<>();
    private String family;
    private String[] labelNames;

    public PrometheusText(StringBuilder out) {
        this.out = out;
    }

    /** Starts a family; its samples follow with {@link #sample}, one label value per label name. */
    public PrometheusText family(String name, Type type, String help, String... labelNames) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a metric name: " + name);
        }
        if (type == Type.COUNTER && !name.endsWith("_total")) {
            throw new IllegalArgumentException("a counter's name ends in _total: " + name);
        }
        for (String l : labelNames) {
            if (!LABEL.matcher(l).matches() || l.startsWith("__")) {
                throw new IllegalArgumentException("not a label name: " + l);
            }
        }
        if (!families.add(name)) {
            throw new IllegalStateException("metric family written twice: " + name);
        }
        family = name;
        this.labelNames = labelNames;
        series.clear();
        out.append("# HELP ").append(name).append(' ');
        escape(help, false);
        out.append("\n# TYPE ").append(name).append(' ').append(type.word()).append('\n');
        return this;
    }

    /** One sample of the current family. */
    public PrometheusText sample(double value, String... labelValues) {
        if (family == null) {
            throw new IllegalStateException("a sample before its family");
        }
        if (labelValues.length != labelNames.length) {
            throw new IllegalArgumentException(family + " has " + labelNames.length + " labels, got " + labelValues.length);
        }
        int start = out.length();
        out.append(family);
        if (labelNames.length > 0) {
            out.append('{');
            for (int i = 0; i < labelNames.length; i++) {
                out.append(i == 0 ? "" : ",").append(labelNames[i]).append("=\"");
                escape(labelValues[i] == null ? "" : labelValues[i], true);
                out.append('"');
            }
            out.append('}');
        }
        if (!series.add(out.substring(start))) {
            out.setLength(start);
            throw new IllegalStateException("series written twice: " + String.join(",", labelValues) + " of " + family);
        }
        out.append(' ');
        number(value);
        out.append('\n');
        return this;
    }

    private void number(double v) {
        if (Double.isNaN(v)) {
            out.append("NaN");
        } else if (Double.isInfinite(v)) {
            out.append(v > 0 ? "+Inf" : "-Inf");
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            out.append((long) v);
        } else {
            out.append(v);
        }
    }

    /** Backslash and newline in both HELP text and label values; the double quote in label values only. */
    private void escape(String s, boolean labelValue) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '"' -> out.append(labelValue ? "\\\"" : "\"");
                default -> out.append(c);
            }
        }
    }
}
