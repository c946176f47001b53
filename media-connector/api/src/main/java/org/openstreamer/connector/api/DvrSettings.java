package org.openstreamer.connector.api;

import java.io.Serializable;
import java.util.List;

/**
 * What the recorder needs of a stream's DVR: where its archive goes and when it records.
 * Retention (depth, disk and size limits) is the EJB layer's business, not the engine's.
 *
 * @param root      the folder under which the stream's archive lives ({@code ROOT/NAME/...})
 * @param recording whether the recorder writes now (false for {@code dvr_offline} until enabled,
 *                  or after {@code dvr/NAME/disable})
 * @param schedule  UTC minutes of the day as start, end pairs ({@code [480, 960]} for
 *                  8:00-16:00; an end before its start crosses midnight); empty to record always
 */
public record DvrSettings(String root, boolean recording, List<Integer> schedule) implements Serializable {

    public DvrSettings {
        schedule = schedule == null ? List.of() : List.copyOf(schedule);
        if (schedule.size() % 2 != 0) {
            throw new IllegalArgumentException("a schedule holds start, end pairs");
        }
    }

    /** Whether the recorder writes a segment that starts at this minute of the UTC day. */
    public boolean recordsAt(int minuteOfDay) {
        if (!recording) {
            return false;
        }
        if (schedule.isEmpty()) {
            return true;
        }
        for (int i = 0; i < schedule.size(); i += 2) {
            int start = schedule.get(i);
            int end = schedule.get(i + 1);
            boolean in = start < end ? minuteOfDay >= start && minuteOfDay < end : minuteOfDay >= start || minuteOfDay < end;
            if (in) {
                return true;
            }
        }
        return false;
    }

    public DvrSettings withRecording(boolean on) {
        return new DvrSettings(root, on, schedule);
    }
}
