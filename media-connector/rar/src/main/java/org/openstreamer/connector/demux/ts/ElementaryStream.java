package org.openstreamer.connector.demux.ts;

import org.openstreamer.connector.demux.h264.H264Sps;
import org.openstreamer.connector.demux.h265.H265Sps;

import java.util.Arrays;

/**
 * The state of one elementary stream of the program: its PES assembler, the codec scanner that
 * finds frame starts and parameters, its clock and its meter. Reports frames to the listener and
 * tells the demuxer when the track's description changes.
 * <p>
 * A video frame is reported when the first slice of its PES is found, an audio (or other) frame
 * at the end of the first TS packet of its PES, once the frame header there has been read.
 * Streams of section-carrying types (SCTE-35 and the like) are described but not parsed.
 */
final class ElementaryStream implements PesAssembler.Handler, VideoFrameScanner.SpsSink {

    final int pid;
    final TsCodec codec;
    final int streamType;
    private final boolean sections;
    private TsTrack track;
    private final TsDemuxListener listener;
    private final Runnable trackChanged;
    private final PesAssembler pes;
    private final VideoFrameScanner video;
    private final AudioHeaderScanner audio;
    private final ProgramClock.Stream clock;
    private final TrackMeter meter;
    private final byte[] lastSps;
    private int lastSpsLength = -1;
    private boolean framePending;
    /** Within {@link #wholePes}: its payload bytes, metered once its frame has been. */
    private boolean whole;
    private int wholeBytes;
    private boolean discontinuity;
    private long pesIndex;
    private long pts;
    private long dts;

    ElementaryStream(int pid, int streamType, TsCodec codec, TsDemuxListener listener, Runnable trackChanged,
                     DemuxCounters counters, TsDemuxerLimits limits, ProgramClock clock) {
        this.pid = pid;
        this.codec = codec;
        this.streamType = streamType;
        this.sections = TsCodec.carriesSections(streamType);
        this.listener = listener;
        this.trackChanged = trackChanged;
        this.pes = new PesAssembler(this, counters, limits.maxPesBytes(codec.kind));
        boolean isVideo = codec.kind == TsTrack.Kind.VIDEO;
        this.video = isVideo ? new VideoFrameScanner(codec == TsCodec.H265, this) : null;
        this.lastSps = isVideo ? new byte[VideoFrameScanner.SPS_CAPACITY] : null;
        this.audio = codec.kind == TsTrack.Kind.AUDIO ? new AudioHeaderScanner(codec) : null;
        this.clock = clock.newStream();
        this.meter = new TrackMeter(limits.statsWindowTicks());
        this.track = new TsTrack(0, pid, streamType, codec.kind, codec.codecName, 0, 0, 0, 0, null);
    }

    TsTrack track() {
        return track;
    }

    /** Takes the PMT's description; what the stream itself told (size, rate) is kept. */
    void describe(int index, String language) {
        track = new TsTrack(index, pid, streamType, track.kind(), track.codec(), track.width(), track.height(),
                track.sampleRate(), track.channels(), language, track.codecs());
    }

    /** Packets were lost on this PID: the open PES cannot be trusted. */
    void lost() {
        pes.abort();
    }

    /** A time-base discontinuity was signalled: the next timestamp may jump anywhere. */
    void markDiscontinuity() {
        discontinuity = true;
    }

    void payload(byte[] a, int from, int to, boolean unitStart, long packetIndex) {
        if (sections) {
            return;
        }
        pes.payload(a, from, to, unitStart, packetIndex);
        if (framePending && video == null) {
            emit(true);
        }
    }

    /**
     * A whole PES, header included, whose first packet has index {@code packetIndex}: read as its
     * packets would be, and ended at once (a video PES of open length would end at the next one).
     */
    void wholePes(byte[] a, int off, int len, long packetIndex) {
        whole = true;
        payload(a, off, off + len, true, packetIndex);
        if (!sections) {
            pes.abort();
        }
        whole = false;
        // counted after the frame, as packet by packet nearly all of it comes after the frame start
        meter.payload(wholeBytes);
        wholeBytes = 0;
    }

    TsTrackStats stats() {
        return meter.snapshot(track);
    }

    @Override
    public void pesStart(long packetIndex, long rawPts, long rawDts) {
        if (rawPts < 0) {
            dts = clock.next();
            pts = dts;
        } else {
            dts = clock.unwrap(rawDts, discontinuity);
            pts = dts + ProgramClock.delta33(rawPts, rawDts);
            discontinuity = false;
        }
        pesIndex = packetIndex;
        framePending = true;
        if (video != null) {
            video.reset();
        }
        if (audio != null) {
            audio.reset();
        }
    }

    @Override
    public void pesPayload(byte[] a, int from, int to) {
        if (whole) {
            wholeBytes += to - from;
        } else {
            meter.payload(to - from);
        }
        if (video != null) {
            if (framePending) {
                int nalType = video.scan(a, from, to);
                if (nalType != VideoFrameScanner.NONE) {
                    emit(codec == TsCodec.H265 ? nalType >= 16 && nalType <= 23 : nalType == 5);
                }
            }
        } else if (audio != null && audio.scan(a, from, to)) {
            track = new TsTrack(track.index(), pid, track.streamType(), track.kind(), track.codec(), 0, 0,
                    audio.sampleRate(), audio.channels(), track.language(), audio.codecs());
            trackChanged.run();
        }
    }

    @Override
    public void pesEnd() {
        if (video != null) {
            video.finish();
            framePending = false; // a PES without a picture is not a frame
        } else if (framePending) {
            emit(true);
        }
    }

    @Override
    public void sps(byte[] nal, int length) {
        if (length == lastSpsLength && Arrays.equals(nal, 0, length, lastSps, 0, length)) {
            return;
        }
        System.arraycopy(nal, 0, lastSps, 0, length);
        lastSpsLength = length;
        int width;
        int height;
        String codecs;
        if (codec == TsCodec.H265) {
            H265Sps sps = H265Sps.parse(nal, 0, length);
            width = sps == null ? 0 : sps.width();
            height = sps == null ? 0 : sps.height();
            codecs = sps == null ? null : sps.codecs();
        } else {
            H264Sps sps = H264Sps.parse(nal, 0, length);
            width = sps == null ? 0 : sps.width();
            height = sps == null ? 0 : sps.height();
            codecs = sps == null ? null : sps.codecs();
        }
        if (width > 0 && (width != track.width() || height != track.height() || !codecs.equals(track.codecs()))) {
            track = new TsTrack(track.index(), pid, track.streamType(), track.kind(), track.codec(), width, height,
                    0, 0, track.language(), codecs);
            trackChanged.run();
        }
    }

    private void emit(boolean keyframe) {
        framePending = false;
        meter.frame(dts, keyframe);
        listener.onFrame(pesIndex, track, pts, dts, keyframe);
    }
}
