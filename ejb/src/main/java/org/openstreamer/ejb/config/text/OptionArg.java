package org.openstreamer.ejb.config.text;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * An option argument, {@code key=value} or a bare {@code flag}, with typed readings that refuse
 * a wrong value at the option's own line and column.
 *
 * @param value null for a bare flag
 */
record OptionArg(String key, String value, Position at) {

    /** The arguments of {@code d} from index {@code from} on, as options. */
    static List<OptionArg> of(Directive d, int from) {
        List<OptionArg> options = new ArrayList<>();
        for (int i = from; i < d.args().size(); i++) {
            String text = d.arg(i);
            int eq = text.indexOf('=');
            options.add(eq < 0 ? new OptionArg(text, null, d.at(i))
                    : new OptionArg(text.substring(0, eq), text.substring(eq + 1), d.at(i)));
        }
        return options;
    }

    String text() {
        if (value == null) {
            throw Refuse.invalid(at, "'" + key + "' needs a value: " + key + "=VALUE.");
        }
        return value;
    }

    long integer(long min, long max) {
        String v = text();
        try {
            long n = v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw Refuse.invalid(at, key + " is a whole number from " + min + " to " + max + ", not '" + v + "'.");
    }

    long seconds() {
        OptionalLong s = Units.seconds(text());
        if (s.isEmpty()) {
            throw Refuse.invalid(at, key + " is a duration in seconds (60) or with a unit (90s, 5m, 2h, 1d), not '"
                    + value + "'.");
        }
        return s.getAsLong();
    }

    /** {@code flag}, {@code flag=true} or {@code flag=false}. */
    boolean bool() {
        if (value == null || value.equals("true")) {
            return true;
        }
        if (value.equals("false")) {
            return false;
        }
        throw Refuse.invalid(at, key + " is true or false, not '" + value + "'.");
    }

    /** A comma-separated list of whole numbers ({@code pids=45,46,47}). */
    List<Long> integers(long min, long max) {
        List<Long> list = new ArrayList<>();
        for (String item : text().split(",", -1)) {
            list.add(new OptionArg(key, item, at).integer(min, max));
        }
        return list;
    }
}
