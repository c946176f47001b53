package org.openstreamer.connector.ingest.file;

import org.openstreamer.connector.demux.mp4.Mp4Data;
import org.openstreamer.connector.demux.mp4.Mp4FormatException;
import org.openstreamer.connector.demux.mp4.Mp4Movie;
import org.openstreamer.connector.demux.mp4.Mp4Samples;
import org.openstreamer.connector.demux.mp4.Mp4Track;
import org.openstreamer.connector.mux.ts.MuxInputException;
import org.openstreamer.connector.mux.ts.MuxTrack;
import org.openstreamer.connector.mux.ts.TsMuxer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An MP4 file as MPEG-TS, one access unit at a time and round after round: the samples go
 * through the {@link TsMuxer} (AVCC/HVCC to Annex B with the parameter sets before keyframes,
 * raw AAC to ADTS). Each round adds the file's length to every timestamp, so they keep going
 * forward across the loop point as with an MPEG-TS file; the first round starts at
 * {@link #START} (10 s), so the PCR, which runs behind the DTS, never starts below zero.
 */
public final class Mp4TsRemuxer {

    static final long START = 900_000;
    private static final int FIRST_PID = 0x100;

    private final String name;
    private final Mp4Samples samples;
    private final long length;
    private final TsMuxer muxer;
    private byte[] out = new byte[188 * 64];
    private int outLength;
    private long offset = START;

    /**
     * @param name how the file is named in messages
     */
    public Mp4TsRemuxer(String name, Mp4Movie movie, Mp4Data data) throws Mp4FormatException {
        this.name = name;
        this.samples = new Mp4Samples(movie, data);
        this.length = movie.length90();
        List<MuxTrack> tracks = new ArrayList<>();
        for (Mp4Track t : movie.tracks()) {
            tracks.add(new MuxTrack(FIRST_PID + tracks.size(), t.codec(), t.config()));
        }
        try {
            muxer = new TsMuxer(tracks, this::collect);
        } catch (IllegalArgumentException e) {
            throw new Mp4FormatException("the file " + name + " has a bad decoder configuration: " + e.getMessage());
        }
    }

    /** The decoding time (90 kHz, on the output's clock) of the next access unit; starts the next round at the end of one. */
    public long nextDts() throws IOException {
        long dts = samples.peekDts();
        if (dts < 0) {
            samples.rewind();
            offset += length;
            dts = samples.peekDts();
        }
        return dts + offset;
    }

    /** Muxes the next access unit; its packets are {@link #out()}{@code [0 .. outLength())} until the next call. */
    public void muxNext() throws IOException {
        nextDts(); // rounds over if need be
        samples.next();
        outLength = 0;
        try {
            muxer.accessUnit(samples.track(), samples.pts() + offset, samples.dts() + offset, samples.keyframe(),
                    samples.data(), 0, samples.size());
        } catch (MuxInputException e) {
            throw new Mp4FormatException("the file " + name + ": sample " + samples.sampleNumber() + " of track "
                    + (samples.track() + 1) + " cannot be played: " + e.getMessage());
        }
    }

    public byte[] out() {
        return out;
    }

    public int outLength() {
        return outLength;
    }

    private void collect(byte[] buf, int off, int len) {
        if (outLength + len > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, outLength + len));
        }
        System.arraycopy(buf, off, out, outLength, len);
        outLength += len;
    }

    /**
     * One round of an MP4 file as MPEG-TS in memory (a backup clip).
     *
     * @param maxBytes the most TS it may make: larger is refused
     */
    public static byte[] toTs(Path file, String name, long maxBytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Mp4Data data = Mp4Data.of(ch);
            Mp4TsRemuxer remuxer = new Mp4TsRemuxer(name, Mp4Movie.read(data), data);
            ByteArrayOutputStream ts = new ByteArrayOutputStream();
            while (remuxer.samples.peekDts() >= 0) {
                remuxer.muxNext();
                if (ts.size() + (long) remuxer.outLength > maxBytes) {
                    throw new Mp4FormatException("the file " + name + " makes more than " + (maxBytes >> 20)
                            + " MiB of MPEG-TS");
                }
                ts.write(remuxer.out, 0, remuxer.outLength);
            }
            return ts.toByteArray();
        }
    }
}
