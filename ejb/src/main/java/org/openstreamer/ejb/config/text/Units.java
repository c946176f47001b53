package org.openstreamer.ejb.config.text;

import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The units of the text format, converted to the JSON shape's: durations to seconds
 * ({@code 90s}, {@code 15m}, {@code 20h}, {@code 5d}), sizes to bytes with decimal multiples as
 * disk makers count them ({@code 500G} = 500,000,000,000; {@code K}, {@code M}, {@code G},
 * {@code T}, an optional {@code B}, or {@code B} alone), percentages to numbers ({@code 90%}).
 * Each returns empty for a token that is not of its kind, so the DVR options may come in any
 * order; out-of-range values are refused.
 */
public final class Units {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})([smhd])");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})([KMGT]?)B|(\\d{1,15})([KMGT])");
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3})%");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,12}");
    private static final Pattern SCHEDULE = Pattern.compile(
            "(\\d{1,2}(:\\d{2})?-\\d{1,2}(:\\d{2})?)(,\\d{1,2}(:\\d{2})?-\\d{1,2}(:\\d{2})?)*");

    private Units() {
    }

    /** Seconds of a duration with a unit ({@code 5d}); empty when the token has none. */
    public static OptionalLong duration(String token) {
        Matcher m = DURATION.matcher(token);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        long unit = switch (m.group(2)) {
            case "s" -> 1;
            case "m" -> 60;
            case "h" -> 3600;
            default -> 86400;
        };
        return OptionalLong.of(Long.parseLong(m.group(1)) * unit);
    }

    /** Seconds of a duration with a unit, or of a plain number of seconds ({@code 60}). */
    public static OptionalLong seconds(String token) {
        return NUMBER.matcher(token).matches() ? OptionalLong.of(Long.parseLong(token)) : duration(token);
    }

    /** Bytes of a size with a unit ({@code 500G}, {@code 10GB}, {@code 1500B}); empty otherwise. */
    public static OptionalLong bytes(String token) {
        Matcher m = SIZE.matcher(token);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        String digits = m.group(1) != null ? m.group(1) : m.group(3);
        String unit = m.group(1) != null ? m.group(2) : m.group(4);
        long multiple = switch (unit) {
            case "K" -> 1_000L;
            case "M" -> 1_000_000L;
            case "G" -> 1_000_000_000L;
            case "T" -> 1_000_000_000_000L;
            default -> 1L;
        };
        return OptionalLong.of(Math.multiplyExact(Long.parseLong(digits), multiple));
    }

    /** A percentage 0..100 ({@code 90%}); empty when the token is not one or is above 100. */
    public static OptionalInt percent(String token) {
        Matcher m = PERCENT.matcher(token);
        if (!m.matches() || Integer.parseInt(m.group(1)) > 100) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(m.group(1)));
    }

    /** Whether {@code value} is a recording schedule: UTC intervals {@code H[:MM]-H[:MM]}, comma-separated. */
    public static boolean isSchedule(String value) {
        if (!SCHEDULE.matcher(value).matches()) {
            return false;
        }
        for (String interval : value.split(",")) {
            for (String time : interval.split("-")) {
                String[] hm = time.split(":");
                if (Integer.parseInt(hm[0]) > 24 || (hm.length == 2 && Integer.parseInt(hm[1]) > 59)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Text for a number of seconds in the largest unit that keeps it exact ({@code 432000} -> {@code 5d}). */
    public static String formatDuration(long seconds) {
        if (seconds > 0 && seconds % 86400 == 0) {
            return seconds / 86400 + "d";
        }
        if (seconds > 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds > 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    /** Text for a number of bytes in the largest decimal unit that keeps it exact ({@code 500G}). */
    public static String formatBytes(long bytes) {
        String[] units = {"T", "G", "M", "K"};
        long[] multiples = {1_000_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
        for (int i = 0; i < units.length; i++) {
            if (bytes > 0 && bytes % multiples[i] == 0) {
                return bytes / multiples[i] + units[i];
            }
        }
        return bytes + "B";
    }
}
