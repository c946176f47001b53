package org.openstreamer.web.dvr;

import org.openstreamer.connector.api.PlaylistSegment;
import org.openstreamer.ejb.dvr.ArchiveSegment;
import org.openstreamer.ejb.dvr.DvrIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * Archive segments as the engine's playlist writer lists them: a recording gap between two
 * segments becomes an {@code EXT-X-DISCONTINUITY}. URIs are relative to the stream
 * ({@code 2026/12/05/10/00/04-04000.ts}), as the playlists are served from {@code /NAME/}.
 */
final class PlaylistEntries {

    private PlaylistEntries() {
    }

    /** {@code segments} oldest first. */
    static List<PlaylistSegment> of(List<ArchiveSegment> segments) {
        List<PlaylistSegment> out = new ArrayList<>(segments.size());
        ArchiveSegment previous = null;
        for (ArchiveSegment s : segments) {
            boolean gap = previous != null && s.startMillis() > previous.endMillis() + DvrIndex.GAP_TOLERANCE_MS;
            out.add(new PlaylistSegment(s.seq(), s.path(), s.startMillis(), s.durationMillis(), gap));
            previous = s;
        }
        return out;
    }
}
