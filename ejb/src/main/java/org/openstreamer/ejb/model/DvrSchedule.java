package org.openstreamer.ejb.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a DVR records: comma-separated UTC intervals {@code H[:MM]-H[:MM]}, e.g.
 * {@code 8:00-16:00,22-1:30}. An interval whose end is before its start crosses midnight
 * ({@code 22-1:30} records from 22:00 to 01:30 the next day); {@code 24} may end an interval.
 */
public final class DvrSchedule {

    /**
     * Minutes after midnight UTC, {@code start} 0..1439 and {@code end} 0..1440 (excluded); an
     * {@code end} before {@code start} crosses midnight.
     */
    public record Interval(int start, int end) {

        public boolean contains(int minuteOfDay) {
            return start < end ? minuteOfDay >= start && minuteOfDay < end : minuteOfDay >= start || minuteOfDay < end;
        }

        @Override
        public String toString() {
            return time(start) + "-" + time(end);
        }

        private static String time(int minutes) {
            return minutes / 60 + ":" + String.format("%02d", minutes % 60);
        }
    }

    public static final int MAX_LENGTH = 255;
    private static final Pattern INTERVAL = Pattern.compile("(\\d{1,2})(?::(\\d{2}))?-(\\d{1,2})(?::(\\d{2}))?");

    private final List<Interval> intervals;

    private DvrSchedule(List<Interval> intervals) {
        this.intervals = List.copyOf(intervals);
    }

    /** Parses {@code text}; an {@link IllegalArgumentException} names the faulty interval. */
    public static DvrSchedule parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("A schedule lists UTC intervals such as 8:00-16:00,22-1:30.");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("A schedule has at most " + MAX_LENGTH + " characters.");
        }
        List<Interval> intervals = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            Matcher m = INTERVAL.matcher(part.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + part.trim() + "' is not an interval H[:MM]-H[:MM] (UTC),"
                        + " e.g. 8:00-16:00 or 22-1:30.");
            }
            int start = minutes(m.group(1), m.group(2), part, false);
            int end = minutes(m.group(3), m.group(4), part, true);
            if (start == end) {
                throw new IllegalArgumentException("'" + part.trim() + "' starts and ends at the same time.");
            }
            intervals.add(new Interval(start, end));
        }
        return new DvrSchedule(intervals);
    }

    public List<Interval> intervals() {
        return intervals;
    }

    /** Whether the DVR records at this minute of the UTC day (0..1439). */
    public boolean contains(int minuteOfDay) {
        return intervals.stream().anyMatch(i -> i.contains(minuteOfDay));
    }

    /** The intervals written in full: {@code 8:00-16:00,22:00-1:30}. */
    @Override
    public String toString() {
        return String.join(",", intervals.stream().map(Interval::toString).toList());
    }

    private static int minutes(String hours, String mins, String part, boolean end) {
        int h = Integer.parseInt(hours);
        int m = mins == null ? 0 : Integer.parseInt(mins);
        boolean midnight = end && h == 24 && m == 0;
        if ((h > 23 && !midnight) || m > 59) {
            throw new IllegalArgumentException("'" + part.trim() + "' has a time outside 0:00..23:59"
                    + (end ? " (24:00 may end an interval)" : "") + ".");
        }
        return h * 60 + m;
    }
}
