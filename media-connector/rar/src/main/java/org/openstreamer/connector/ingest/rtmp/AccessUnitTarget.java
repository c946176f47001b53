package org.openstreamer.connector.ingest.rtmp;

import org.openstreamer.connector.mux.ts.MuxTrack;

import java.util.List;

/** Where {@link FlvAccessUnits} sends what it converts: an ingest session, or a test's recorder. */
interface AccessUnitTarget {

    void declareTracks(List<MuxTrack> tracks);

    void sequenceHeader(int track, byte[] config);

    void accessUnit(int track, long pts, long dts, boolean keyframe, byte[] buf, int off, int len);
}
