package org.openstreamer.connector.api;

import java.io.Serializable;

/**
 * One segment as an HLS media playlist lists it.
 *
 * @param sequence      media sequence number (the playlist announces the first one's)
 * @param uri           relative to the playlist ({@code 2026/12/05/10/00/04-04000.ts})
 * @param startMillis   UTC start, for {@code EXT-X-PROGRAM-DATE-TIME}
 * @param durationMillis its duration
 * @param discontinuity whether an {@code EXT-X-DISCONTINUITY} comes before it (a new publisher, a recording gap)
 */
public record PlaylistSegment(long sequence, String uri, long startMillis, long durationMillis, boolean discontinuity)
        implements Serializable {
}
