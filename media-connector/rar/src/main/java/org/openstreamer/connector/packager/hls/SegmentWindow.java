package org.openstreamer.connector.packager.hls;

import java.util.List;

/**
 * The segments a live stream holds at one moment, oldest first. Immutable: a new window replaces
 * it at every cut.
 *
 * @param segments              all held segments (the playlist lists the last {@code listed})
 * @param listed                segment_count at the time of the cut
 * @param targetSeconds         segment_duration at the time of the cut
 * @param discontinuitySequence discontinuities that slid out before the first held segment
 */
public record SegmentWindow(List<Segment> segments, int listed, int targetSeconds, long discontinuitySequence) {

    public static final SegmentWindow EMPTY = new SegmentWindow(List.of(), 0, 0, 0);

    /** The segments a live playlist lists: the newest {@code listed}. */
    public List<Segment> listedSegments() {
        int from = Math.max(0, segments.size() - listed);
        return segments.subList(from, segments.size());
    }

    /** Discontinuity sequence of the first listed segment. */
    public long listedDiscontinuitySequence() {
        long n = discontinuitySequence;
        int from = Math.max(0, segments.size() - listed);
        for (int i = 0; i < from; i++) {
            if (segments.get(i).discontinuity()) {
                n++;
            }
        }
        return n;
    }
}
