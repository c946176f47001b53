package org.openstreamer.connector.demux.mp4;

import java.io.IOException;
import java.util.List;

/**
 * The samples of all tracks of an {@link Mp4Movie} in decoding order, as one timeline in 90 kHz
 * ticks from the movie's start (0 for the earliest sample), with each sample's bytes read from
 * the file. One pass plays the file once; {@link #rewind} starts it over. The sample buffer is
 * made once at the size of the largest sample, so a pass allocates nothing.
 */
public final class Mp4Samples {

    private final Mp4Movie movie;
    private final Mp4Data data;
    private final SampleCursor[] cursors;
    /** Whether each cursor holds a sample not handed out yet. */
    private final boolean[] ready;
    private final byte[] buffer;
    private int track = -1;

    public Mp4Samples(Mp4Movie movie, Mp4Data data) {
        this.movie = movie;
        this.data = data;
        List<Mp4Track> tracks = movie.tracks();
        cursors = new SampleCursor[tracks.size()];
        ready = new boolean[tracks.size()];
        int largest = 1;
        for (Mp4Track t : tracks) {
            largest = Math.max(largest, t.largestSample);
        }
        buffer = new byte[largest];
        rewind();
    }

    /** Back to the first sample. */
    public void rewind() {
        List<Mp4Track> tracks = movie.tracks();
        for (int i = 0; i < cursors.length; i++) {
            cursors[i] = new SampleCursor(tracks.get(i).table);
            ready[i] = false;
        }
        track = -1;
    }

    /**
     * The decoding time of the sample {@link #next} would give, or -1 at the end of the pass.
     * Zero-sized samples are passed over.
     */
    public long peekDts() throws IOException {
        int best = -1;
        long bestDts = Long.MAX_VALUE;
        for (int i = 0; i < cursors.length; i++) {
            while (!ready[i] && cursors[i].next()) {
                ready[i] = cursors[i].size > 0;
            }
            if (ready[i]) {
                long dts = dts90(i);
                if (dts < bestDts) {
                    bestDts = dts;
                    best = i;
                }
            }
        }
        track = best;
        return best < 0 ? -1 : bestDts;
    }

    /** Moves to the next sample and reads its bytes into {@link #data()}; false at the end of the pass. */
    public boolean next() throws IOException {
        if (peekDts() < 0) {
            return false;
        }
        SampleCursor c = cursors[track];
        ready[track] = false;
        data.read(c.offset, buffer, 0, c.size);
        return true;
    }

    /** The current sample's track: an index into {@link Mp4Movie#tracks()}. */
    public int track() {
        return track;
    }

    public long dts() {
        return dts90(track);
    }

    public long pts() {
        Mp4Track t = movie.tracks().get(track);
        return t.to90(cursors[track].pts) - movie.start90();
    }

    public boolean keyframe() {
        return cursors[track].sync;
    }

    /** The current sample's bytes: {@code data()[0 .. size())}; overwritten by the next. */
    public byte[] data() {
        return buffer;
    }

    public int size() {
        return cursors[track].size;
    }

    /** 1-based number of the current sample within its track, for messages. */
    public int sampleNumber() {
        return cursors[track].sample + 1;
    }

    private long dts90(int i) {
        return movie.tracks().get(i).to90(cursors[i].dts) - movie.start90();
    }
}
