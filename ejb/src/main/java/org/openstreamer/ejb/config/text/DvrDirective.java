package org.openstreamer.ejb.config.text;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * {@code dvr ROOT [DEPTH] [DISK%] [SIZE] [schedule=H[:MM]-H[:MM],...];} and {@code dvr_offline}
 * (the same, recording off until switched on): the {@code dvr} object. After the root the
 * options come in any order, as the reference writes them both ways ({@code dvr /storage 90% 5d;},
 * {@code dvr /storage 1d 50%;}); each is recognised by its unit. A number without a unit is
 * refused rather than guessed.
 */
final class DvrDirective {

    private static final Map<String, String> UNSUPPORTED = Map.of(
            "replicate", "archive replication between servers is not supported",
            "copy", "copying the archive to other storage is not supported",
            "no_index", "the archive index is kept in PostgreSQL and cannot be turned off");

    private DvrDirective() {
    }

    static void dvr(Directive d, String key, BlockJson json) {
        read(d, key, json, false);
    }

    static void offline(Directive d, String key, BlockJson json) {
        read(d, key, json, true);
    }

    private static void read(Directive d, String key, BlockJson json, boolean offline) {
        if (d.args().isEmpty()) {
            throw Refuse.invalid(d.at(), "'" + d.text() + "' needs a storage root: " + d.text() + " /storage 5d 90%;");
        }
        JsonObjectBuilder dvr = Json.createObjectBuilder().add("root", d.arg(0));
        Map<String, Position> fields = new HashMap<>();
        fields.put("root", d.at(0));
        for (OptionArg o : OptionArg.of(d, 1)) {
            String token = o.value() == null ? o.key() : o.key() + "=" + o.value();
            String field = option(o, token, dvr);
            Position first = fields.putIfAbsent(field, o.at());
            if (first != null) {
                throw Refuse.invalid(o.at(), "'" + token + "' sets " + field + " again (already set at " + first.describe() + ").");
            }
        }
        if (offline) {
            dvr.add("offline", true);
            fields.put("offline", d.at());
        }
        json.set(key, dvr.build(), d.at());
        fields.forEach((field, at) -> json.positions().put(key + "." + field, at));
    }

    /** Adds the option to {@code dvr}; returns the field it set. */
    private static String option(OptionArg o, String token, JsonObjectBuilder dvr) {
        if (o.key().equals("schedule")) {
            if (!Units.isSchedule(o.text())) {
                throw Refuse.invalid(o.at(), "a schedule is UTC intervals H[:MM]-H[:MM] separated by commas, "
                        + "e.g. 8:00-16:00,22-1:30; not '" + o.value() + "'.");
            }
            dvr.add("schedule", o.value());
            return "schedule";
        }
        OptionalLong depth = Units.duration(token);
        if (depth.isPresent()) {
            dvr.add("depth", depth.getAsLong());
            return "depth";
        }
        OptionalInt percent = Units.percent(token);
        if (percent.isPresent()) {
            dvr.add("disk_limit", percent.getAsInt());
            return "disk_limit";
        }
        OptionalLong size;
        try {
            size = Units.bytes(token);
        } catch (ArithmeticException e) {
            throw Refuse.invalid(o.at(), "the size " + token + " is too large.");
        }
        if (size.isPresent()) {
            dvr.add("storage_limit", size.getAsLong());
            return "storage_limit";
        }
        if (token.chars().allMatch(Character::isDigit)) {
            throw Refuse.invalid(o.at(), "'" + token + "' has no unit: write the archive depth as 7d or 168h, "
                    + "a disk limit as 90%, a size as 500G.");
        }
        throw Refuse.option(o.at(), o.key(), UNSUPPORTED.get(o.key()));
    }
}
