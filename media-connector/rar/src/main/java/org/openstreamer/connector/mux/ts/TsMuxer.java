package org.openstreamer.connector.mux.ts;

import org.openstreamer.connector.demux.aac.AdtsHeader;

import java.util.List;
import java.util.Objects;

/**
 * Multiplexes access units of one program into an MPEG transport stream (ISO/IEC 13818-1), so that
 * sources delivering access units (RTMP, RTSP) enter the engine the same way as TS sources.
 * <p>
 * Each access unit becomes one PES packet on its track's PID. PAT and PMT go out first, before
 * every video keyframe and at least every {@link #PSI_INTERVAL} ticks; the PCR rides on the first
 * packet of each access unit of the PCR track (the first video track, else the first track), and a
 * PCR-only packet is slipped in when that track falls silent for {@link #PCR_INTERVAL} ticks.
 * Keyframes get random_access_indicator. Video is converted to Annex B with access unit delimiters
 * and parameter sets ({@link AnnexBWriter}); raw AAC gets ADTS headers ({@link AdtsWriter}).
 * <p>
 * Bad input is refused with a {@link MuxInputException} before any of it is written. Not
 * thread-safe: one thread writes, and the sink is called on it. A sink that is a
 * {@link TsMuxListener} is also given each access unit's PES before its packets. Nothing is allocated per access
 * unit once the staging buffer has grown to the largest unit.
 */
public final class TsMuxer {

    public static final int DEFAULT_PMT_PID = 0x1000;
    /** At most 100 ms between program tables, 90 kHz. */
    static final long PSI_INTERVAL = 9000;
    /** At most 40 ms between PCRs, 90 kHz. */
    static final long PCR_INTERVAL = 3600;
    /** The PCR runs this far behind the DTS, so a decoder has every access unit before it is due. */
    static final long PCR_LEAD = 63000;
    /** Only video PES may leave PES_packet_length open; audio must fit its 16 bits. */
    private static final int MAX_AUDIO_PES_PAYLOAD = 0xFFFF - 13;
    /** A PCR step back larger than this is a new time base, not jitter between tracks. */
    private static final long PCR_RESET = 90000;

    private final Track[] tracks;
    private final PacketOut out;
    /** The sink, when it takes access units whole as well; null otherwise. */
    private final TsMuxListener listener;
    private final PsiTables psi;
    private final int pcrTrack;
    private final EsBuffer es = new EsBuffer();
    private boolean started;
    private long lastPsiDts;
    private long lastPcrDts;
    private long lastPcr;
    private long accessUnits;

    /** One track's codec handling, its PES stream_id and its packetizer. */
    private static final class Track {
        final MuxTrack declared;
        final int streamId;
        final TsPacketizer packetizer;
        AnnexBWriter video;
        AdtsWriter adts;

        Track(MuxTrack declared, int streamId) {
            this.declared = declared;
            this.streamId = streamId;
            this.packetizer = new TsPacketizer(declared.pid());
            configure(declared.config());
        }

        /** Parses the sequence header first, so a bad one leaves the track as it was. */
        void configure(byte[] config) {
            MuxCodec codec = declared.codec();
            if (codec.video) {
                video = new AnnexBWriter(codec, config != null ? VideoConfig.parse(codec, config) : null);
            } else {
                adts = config != null ? AdtsWriter.of(config) : null;
            }
        }
    }

    public TsMuxer(List<MuxTrack> tracks, TsPacketSink sink) {
        this(tracks, DEFAULT_PMT_PID, 0, sink);
    }

    /**
     * @param tracks     at least one, on distinct PIDs other than {@code pmtPid}; index in this list is the
     *                   {@code track} argument of {@link #accessUnit}
     * @param pmtPid     the PID of the program map table
     * @param pmtVersion version_number of the tables, 0..31 (a new set of tracks for the same output: a new version)
     * @throws IllegalArgumentException for a bad declaration or sequence header
     */
    public TsMuxer(List<MuxTrack> tracks, int pmtPid, int pmtVersion, TsPacketSink sink) {
        Objects.requireNonNull(sink, "sink");
        if (tracks.isEmpty()) {
            throw new IllegalArgumentException("no tracks declared");
        }
        this.tracks = new Track[tracks.size()];
        int videoIds = 0;
        int audioIds = 0;
        int pcr = -1;
        for (int i = 0; i < tracks.size(); i++) {
            MuxTrack t = tracks.get(i);
            if (t.pid() == pmtPid) {
                throw new IllegalArgumentException("track " + i + " uses the PMT PID " + t.pid());
            }
            for (int k = 0; k < i; k++) {
                if (tracks.get(k).pid() == t.pid()) {
                    throw new IllegalArgumentException("tracks " + k + " and " + i + " share PID " + t.pid());
                }
            }
            int streamId = t.codec().streamIdBase + (t.video() ? videoIds++ : audioIds++);
            if (videoIds > 16 || audioIds > 32) {
                throw new IllegalArgumentException("too many tracks of one kind");
            }
            this.tracks[i] = new Track(t, streamId);
            if (pcr < 0 && t.video()) {
                pcr = i;
            }
        }
        this.pcrTrack = Math.max(pcr, 0);
        this.out = new PacketOut(sink);
        this.listener = sink instanceof TsMuxListener l ? l : null;
        this.psi = new PsiTables(pmtPid, tracks.get(pcrTrack).pid(), tracks, pmtVersion);
    }

    /**
     * Muxes one access unit and hands its packets to the sink before returning.
     *
     * @param track    index into the declared tracks
     * @param pts      presentation time, 90 kHz (written modulo 2^33)
     * @param dts      decode time, 90 kHz; equal to {@code pts} when the codec has no reordering
     * @param keyframe video: IDR / IRAP picture; audio: ignored
     * @throws MuxInputException for an undeclared track, an empty or malformed unit; nothing was written
     */
    public void accessUnit(int track, long pts, long dts, boolean keyframe, byte[] buf, int off, int len) {
        if (track < 0 || track >= tracks.length) {
            throw new MuxInputException("access unit for undeclared track " + track + " (" + tracks.length + " declared)");
        }
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len == 0) {
            throw new MuxInputException("empty access unit on track " + track);
        }
        Track t = tracks[track];
        stage(t, keyframe, buf, off, len);
        if (t.video == null && es.length() > MAX_AUDIO_PES_PAYLOAD) {
            throw new MuxInputException("audio access unit of " + es.length() + " bytes does not fit one PES packet");
        }
        boolean videoKey = keyframe && t.video != null;
        if (!started || videoKey || Math.abs(dts - lastPsiDts) >= PSI_INTERVAL) {
            psi.write(out);
            lastPsiDts = dts;
        }
        long pcr = TsPacketizer.NO_PCR;
        if (track == pcrTrack) {
            pcr = pcr(dts);
        } else if (!started || Math.abs(dts - lastPcrDts) >= PCR_INTERVAL) {
            tracks[pcrTrack].packetizer.writePcrOnly(out, pcr(dts));
        }
        started = true;
        int payload = es.length();
        int start = PesHeader.write(es.array(), EsBuffer.START, t.streamId, pts, dts, payload);
        // audio frames are random access points themselves: flagged when no video carries the clock
        boolean randomAccess = t.video != null ? keyframe : tracks[pcrTrack].video == null;
        if (listener != null) {
            listener.pes(t.declared.pid(), es.array(), start, EsBuffer.START + payload - start);
        }
        t.packetizer.writePes(out, es.array(), start, EsBuffer.START + payload - start, pcr, randomAccess);
        out.flush();
        accessUnits++;
    }

    /**
     * A new sequence header for a track declared with one (RTMP sends one when the encoder's
     * parameters change): later keyframes get its parameter sets, later AAC frames its ADTS fields.
     *
     * @throws IllegalArgumentException for an unknown track, one declared without a sequence
     *                                  header, or a malformed header; the track is left as it was
     */
    public void sequenceHeader(int track, byte[] config) {
        if (track < 0 || track >= tracks.length) {
            throw new MuxInputException("sequence header for undeclared track " + track);
        }
        Track t = tracks[track];
        if (t.declared.config() == null || config == null) {
            throw new IllegalArgumentException("track " + track + " takes Annex B or ADTS, not a sequence header");
        }
        t.configure(config);
    }

    /** Access units muxed so far. */
    public long accessUnits() {
        return accessUnits;
    }

    /** Converts the unit into {@link #es}; throws before anything is written when it is malformed. */
    private void stage(Track t, boolean keyframe, byte[] buf, int off, int len) {
        es.reset();
        if (t.video != null) {
            t.video.write(es, buf, off, len, keyframe);
        } else if (t.adts != null) {
            if (len > AdtsWriter.maxRaw()) {
                throw new MuxInputException("AAC frame of " + len + " bytes is too long for ADTS");
            }
            int header = es.reserve(AdtsWriter.HEADER); // first: it may replace the array
            t.adts.write(es.array(), header, len);
            es.put(buf, off, len);
        } else {
            if (len < AdtsHeader.LENGTH || !AdtsHeader.isSync(buf[off], buf[off + 1])) {
                throw new MuxInputException("AAC access unit on an ADTS track does not start with an ADTS header");
            }
            es.put(buf, off, len);
        }
    }

    /** The PCR base for a unit decoded at {@code dts}: behind it, and not backwards within one time base. */
    private long pcr(long dts) {
        long candidate = dts - PCR_LEAD;
        if (candidate < lastPcr && lastPcr - candidate < PCR_RESET && started) {
            candidate = lastPcr;
        }
        lastPcr = candidate;
        lastPcrDts = dts;
        return candidate & PesHeader.MASK_33;
    }
}
