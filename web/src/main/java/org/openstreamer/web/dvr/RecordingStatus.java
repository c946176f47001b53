package org.openstreamer.web.dvr;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.openstreamer.ejb.dvr.ArchiveLock;
import org.openstreamer.ejb.dvr.ArchiveRange;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.openstreamer.ejb.util.Jsonp.JSON;

/**
 * The answers of {@code /NAME/recording_status.json}, in the reference's shapes: without
 * {@code from}, {@code {"NAME":{"from":F,"to":T}}}; with it, an array holding one object with
 * the stream's {@code ranges} (continuous recorded periods, {@code from} and {@code duration} in
 * seconds), {@code locks} and {@code motion_log} as {@code request} asks. A window over four days
 * without {@code force_detailed} gets the brief answer: ranges closer than an hour merged, and
 * {@code "warning":"too_big_range"}.
 */
final class RecordingStatus {

    static final long DETAILED_MAX_MS = 4L * 86_400_000;
    static final long BRIEF_GAP_MS = 3_600_000;

    private RecordingStatus() {
    }

    static JsonObject total(String stream, ArchiveRange total) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        if (total != null) {
            b.add("from", total.fromMillis() / 1000).add("to", (total.toMillis() + 999) / 1000);
        }
        return JSON.createObjectBuilder().add(stream, b).build();
    }

    static JsonValue window(String stream, long fromMs, long toMs, Set<String> request, List<ArchiveRange> ranges,
                            List<ArchiveLock> locks) {
        JsonObjectBuilder o = JSON.createObjectBuilder().add("stream", stream);
        boolean brief = toMs - fromMs > DETAILED_MAX_MS && !request.contains("force_detailed");
        if (request.contains("ranges") || request.stream().noneMatch(r -> r.equals("locks") || r.equals("motion_log"))) {
            JsonArrayBuilder a = JSON.createArrayBuilder();
            for (ArchiveRange r : brief ? merge(ranges, BRIEF_GAP_MS) : ranges) {
                long from = Math.max(r.fromMillis(), fromMs);
                long to = Math.min(r.toMillis(), toMs);
                if (to > from) {
                    a.add(JSON.createObjectBuilder().add("from", from / 1000).add("duration", (to - from + 999) / 1000));
                }
            }
            o.add("ranges", a);
        }
        if (request.contains("locks")) {
            JsonArrayBuilder a = JSON.createArrayBuilder();
            locks.forEach(l -> a.add(JSON.createObjectBuilder().add("from", l.from()).add("duration", l.duration())));
            o.add("locks", a);
        }
        if (request.contains("motion_log")) {
            o.add("motion_log", JSON.createArrayBuilder()); // no motion detector: never an event
        }
        if (brief) {
            o.add("warning", "too_big_range");
        }
        return JSON.createArrayBuilder().add(o).build();
    }

    static List<ArchiveRange> merge(List<ArchiveRange> ranges, long gapMs) {
        List<ArchiveRange> out = new ArrayList<>();
        for (ArchiveRange r : ranges) {
            ArchiveRange last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && r.fromMillis() - last.toMillis() < gapMs) {
                out.set(out.size() - 1, new ArchiveRange(last.fromMillis(), Math.max(last.toMillis(), r.toMillis())));
            } else {
                out.add(r);
            }
        }
        return out;
    }
}
