package org.openstreamer.ejb.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The unit suffixes of the reference's text configuration, turned into the numbers the JSON shape
 * uses: durations in seconds ({@code 30s}, {@code 90m}, {@code 20h}, {@code 5d}), sizes in bytes
 * ({@code 64K}, {@code 512M}, {@code 500G}, {@code 2T}, decimal multiples as disks are sold: 500G is
 * 500,000,000,000 bytes) and percentages ({@code 90%}).
 *
 * <p>A lower-case {@code m} is minutes and an upper-case {@code M} megabytes; {@code B} may follow a
 * size unit ({@code 500GB}). A bare number is seconds or bytes for {@link #seconds} and
 * {@link #bytes}, but {@link #kind} cannot tell which, so the importer of {@code dvr /storage 90% 5d
 * 500G} tells its tokens apart by their suffixes. Parse errors are {@link IllegalArgumentException}s
 * whose message can be shown as is.
 */
public final class Units {

    /** What a token with a unit measures. */
    public enum Kind { DURATION, SIZE, PERCENT }

    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})([smhdSHD]?)");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})(?:([kKMGT])B?)?");
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3})%");

    private Units() {
    }

    /** The kind of a token by its suffix, or null for a bare number or anything else. */
    public static Kind kind(String token) {
        if (token == null) {
            return null;
        }
        if (PERCENT.matcher(token).matches()) {
            return Kind.PERCENT;
        }
        Matcher d = DURATION.matcher(token);
        if (d.matches() && !d.group(2).isEmpty()) {
            return Kind.DURATION;
        }
        Matcher s = SIZE.matcher(token);
        if (s.matches() && s.group(2) != null) {
            return Kind.SIZE;
        }
        return null;
    }

    /** {@code 5d} is 432000; {@code 20h}, {@code 90m}, {@code 30s} and a bare {@code 3600} are seconds too. */
    public static long seconds(String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: write a whole number with s, m, h or d"
                    + " (30s, 90m, 20h, 5d), or plain seconds.");
        }
        long unit = switch (m.group(2)) {
            case "m" -> 60;
            case "h", "H" -> 3600;
            case "d", "D" -> 86_400;
            default -> 1;
        };
        return multiply(Long.parseLong(m.group(1)), unit, text);
    }

    /** {@code 500G} is 500,000,000,000; {@code 64K}, {@code 512M}, {@code 2T} and a bare number are bytes too. */
    public static long bytes(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size: write a whole number with K, M, G or T"
                    + " (500G is 500,000,000,000 bytes), or plain bytes.");
        }
        long unit = m.group(2) == null ? 1 : switch (m.group(2)) {
            case "k", "K" -> 1_000L;
            case "M" -> 1_000_000L;
            case "G" -> 1_000_000_000L;
            default -> 1_000_000_000_000L;
        };
        return multiply(Long.parseLong(m.group(1)), unit, text);
    }

    /** {@code 90%} is 90; 1 to 100. */
    public static int percent(String text) {
        Matcher m = PERCENT.matcher(text == null ? "" : text.trim());
        int value = m.matches() ? Integer.parseInt(m.group(1)) : -1;
        if (value < 1 || value > 100) {
            throw new IllegalArgumentException("'" + text + "' is not a percentage: write a whole number from 1 to 100"
                    + " followed by % (90%).");
        }
        return value;
    }

    private static long multiply(long value, long unit, String text) {
        try {
            return Math.multiplyExact(value, unit);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too large.");
        }
    }
}
