package org.openstreamer.connector.packager.hls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openstreamer.connector.demux.ts.TsTrack;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrackSelectionTest {

    static TsTrack track(int index, TsTrack.Kind kind) {
        return new TsTrack(index, 0x100 + index, 0, kind, "x", 0, 0, 0, 0, null);
    }

    /** Two videos, a data track between them and the audio, two audio tracks. */
    static final List<TsTrack> TRACKS = List.of(track(0, TsTrack.Kind.VIDEO), track(1, TsTrack.Kind.OTHER),
            track(2, TsTrack.Kind.VIDEO), track(3, TsTrack.Kind.AUDIO), track(4, TsTrack.Kind.AUDIO));

    @ParameterizedTest
    @CsvSource({"tracks-1, 1", "'tracks-1,3', '1,3'", "'tracks-2,10,99', '2,10,99'"})
    void parsesAscendingIds(String text, String ids) {
        TrackSelection s = TrackSelection.parse(text);
        assertEquals(text, s.path());
        assertArrayEquals(java.util.Arrays.stream(ids.split(",")).mapToInt(Integer::parseInt).toArray(), s.ids());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tracks-", "tracks-0", "tracks-3,1", "tracks-1,1", "tracks-1,", "tracks-,1", "tracks-100",
            "tracks-a", "tracks-1;2", "track-1", "tracks-+1"})
    void refusesAnythingElse(String text) {
        assertNull(TrackSelection.parse(text));
    }

    @Test
    void videoNIsThatVideoWithEveryAudio() {
        assertEquals(TrackSelection.parse("tracks-1,4,5"), TrackSelection.video(TRACKS, 1));
        assertEquals(TrackSelection.parse("tracks-3,4,5"), TrackSelection.video(TRACKS, 2));
        assertNull(TrackSelection.video(TRACKS, 3));
        assertNull(TrackSelection.video(TRACKS, 0));
    }

    @Test
    void pidsOnlyForTracksThatExist() {
        assertArrayEquals(new int[] {0x100, 0x104}, TrackSelection.parse("tracks-1,5").pids(TRACKS));
        assertNull(TrackSelection.parse("tracks-1,6").pids(TRACKS));
        assertTrue(TrackSelection.parse("tracks-1,2,3,4,5").coversAll(TRACKS));
        assertFalse(TrackSelection.video(TRACKS, 1).coversAll(TRACKS), "the data track is left out");
    }
}
