package org.openstreamer.ejb.json;

import java.util.List;

/**
 * What a lenient read gives: the value, and the paths of the keys it skipped because nobody knows
 * them ({@code colour}, {@code dvr.copies}, {@code inputs[1].bogus}), for the caller to report.
 */
public record JsonRead<T>(T value, List<String> ignored) {

    public JsonRead {
        ignored = List.copyOf(ignored);
    }
}
