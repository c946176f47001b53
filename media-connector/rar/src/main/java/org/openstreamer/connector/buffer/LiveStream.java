package org.openstreamer.connector.buffer;

import org.openstreamer.connector.api.LiveTsReader;
import org.openstreamer.connector.api.MediaInfo;
import org.openstreamer.connector.api.PipelineInfo;
import org.openstreamer.connector.demux.ts.TsDemuxListener;
import org.openstreamer.connector.demux.ts.TsTrack;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * The hub of one live stream. Fed by the demuxer of whichever publisher is connected, it stores
 * the packets once ({@link PacketStore}, shared read-only by everything downstream), keeps the
 * program tables the demuxer hands over, counts bytes and frames per track, and dispatches to its
 * consumers ({@link HubConsumer}): the HLS segmenter, live readers, and whatever comes next. It
 * knows nothing of segments or playlists.
 *
 * <p>Threading: all {@code on*} and publisher methods run on the ingest thread of the stream;
 * readers and HTTP requests only read volatile snapshots.
 */
public final class LiveStream implements TsDemuxListener {

    private static final int MAX_PID = 8192;

    private final String name;
    private final PacketStore store = new PacketStore();
    private final ProgramTables tables = new ProgramTables();
    private final TableContinuity tableContinuity = new TableContinuity();
    /** Bytes handed to viewers (live readers and HLS segments), for the per-minute statistics. */
    private final LongAdder bytesOut = new LongAdder();
    private final RateMeter outRate = new RateMeter();

    private volatile List<TsTrack> tracks = List.of();
    private volatile long latestKeyframe = -1;
    /** Where a new reader starts and the table counters just before it; null before the first keyframe. */
    private volatile ReaderStart readerStart;
    private volatile long lastFrameMillis;
    private volatile boolean publishing;
    /** When the last publisher left (Unix ms), 0 while one is connected or before any. */
    private volatile long stoppedAtMillis;
    /** Told to viewers: the source left a while ago (see {@link #endIfGone}). */
    private volatile boolean ended;
    private volatile String publisher;
    private volatile int publisherPort;
    private volatile java.time.Instant since = java.time.Instant.now();
    private volatile long errors;
    private volatile Runnable onPublisherStopped = () -> { };
    /** Packagers, the segmenter, live readers: all fed the same way. */
    private final List<HubConsumer> consumers = new CopyOnWriteArrayList<>();

    // Ingest-thread state
    private long indexBase;
    private long notifiedSize;
    /** The track whose keyframes start segments and readers: the first video, else the first audio. */
    private int anchorTrack = -1;
    private final int[] trackOfPid = new int[MAX_PID];
    private final TrackCounters counters = new TrackCounters();
    /** Arrival times of the latest packets, by index modulo the size, to time segment availability. */
    private final long[] arrivals = new long[ARRIVALS];
    private static final int ARRIVALS = 64;

    public LiveStream(String name) {
        this.name = name;
        java.util.Arrays.fill(trackOfPid, -1);
    }

    public String name() {
        return name;
    }

    // ---------------------------------------------------------------- publisher lifecycle

    /** A publisher connected from {@code peer} to local {@code port}: its demuxer numbers packets from 0 again. */
    public void publisherStarted(String peer, int port) {
        synchronized (this) {
            ended = false;
            stoppedAtMillis = 0;
            publisher = peer;
            publisherPort = port;
            since = java.time.Instant.now();
            errors = 0;
            indexBase = store.size();
            counters.reset(System.nanoTime());
        }
        consumers.forEach(HubConsumer::sourceStarted);
        publishing = true;
    }

    /** The publisher left: consumers close what is open (the segmenter a final, shorter segment). */
    public void publisherStopped() {
        synchronized (this) {
            stoppedAtMillis = System.currentTimeMillis();
        }
        publishing = false;
        publisher = null;
        publisherPort = 0;
        consumers.forEach(HubConsumer::sourceStopped);
        onPublisherStopped.run();
    }

    /**
     * The publisher's timestamps start over (a looping file): consumers close what is open and
     * start a new timeline, as between two publishers, while the publisher stays. Ingest thread.
     */
    public void timelineRestarted() {
        consumers.forEach(HubConsumer::sourceStopped);
        consumers.forEach(HubConsumer::sourceStarted);
    }

    /** Runs {@code action} on the ingest thread each time a publisher has stopped (the owner may drop the stream). */
    public void whenPublisherStops(Runnable action) {
        onPublisherStopped = action;
    }

    /** Feeds {@code consumer} from now on (the segmenter, packagers, pushers), on the ingest thread. */
    public void addConsumer(HubConsumer consumer) {
        consumers.add(consumer);
    }

    /**
     * Tells viewers the stream ended when its publisher has been gone for {@code graceMillis}:
     * live readers (MPEG-TS over HTTP, SRT players) finish, HLS playlists get {@code EXT-X-ENDLIST}.
     * A shorter absence (a reconnecting encoder) is waited out by the viewers. Returns how long the
     * publisher has been gone, or -1 while one is connected.
     */
    public long endIfGone(long now, long graceMillis) {
        boolean endNow;
        long gone;
        synchronized (this) {
            gone = publishing || stoppedAtMillis == 0 ? -1 : now - stoppedAtMillis;
            endNow = gone >= graceMillis && !ended;
            ended |= endNow;
        }
        if (endNow) {
            consumers.forEach(HubConsumer::sourceEnded);
        }
        return gone;
    }

    /** The publisher left and viewers were told the stream ended. */
    public boolean isEnded() {
        return ended;
    }

    public boolean isPublishing() {
        return publishing;
    }

    /** Publishing and past its first keyframe: a new viewer can start right away. */
    public boolean isLive() {
        return publishing && latestKeyframe >= 0;
    }

    public long lastFrameMillis() {
        return lastFrameMillis;
    }

    /** The current publisher's input error total (set by the ingest loop from its demuxer). */
    public void reportErrors(long total) {
        errors = total;
    }

    /** The pipeline as the API shows it; {@code source} is the active input the engine keeps for the stream. */
    public PipelineInfo pipelineInfo(String source) {
        long bitrate = 0;
        for (TsTrack t : tracks) {
            bitrate += counters.bitrate(t.index());
        }
        long last = lastFrameMillis;
        return new PipelineInfo(name, publishing ? "publishing" : "waiting", since, readerCount(),
                publishing ? bitrate : 0, errors, last == 0 ? -1 : System.currentTimeMillis() - last,
                publisher, publisherPort, store.size() * PacketStore.PACKET_SIZE, bytesOut.sum(), source,
                outRate.bitsPerSecond(System.currentTimeMillis()), null, null, false);
    }

    /** Counts a segment handed to an HTTP viewer. */
    public void segmentServed(long bytes) {
        sent(bytes);
    }

    /** Bytes handed to a viewer (a segment, or a live reader's read), from any thread. */
    private void sent(long bytes) {
        bytesOut.add(bytes);
        outRate.add(bytes, System.currentTimeMillis());
    }

    // ---------------------------------------------------------------- demuxer output

    @Override
    public void onPacket(byte[] buf, int off, int pid) {
        int track = trackOfPid[pid];
        if (track >= 0) {
            counters.bytes(track, PacketStore.PACKET_SIZE);
        }
        long index = store.size();
        arrivals[(int) (index % ARRIVALS)] = System.nanoTime();
        tableContinuity.packet(index, buf, off, pid);
        store.append(buf, off);
    }

    @Override
    public void onProgramTables(byte[] patAndPmt) {
        tables.update(patAndPmt);
        int pmt = PacketStore.PACKET_SIZE;
        tableContinuity.pmtPid(((patAndPmt[pmt + 1] & 0x1F) << 8) | (patAndPmt[pmt + 2] & 0xFF));
    }

    @Override
    public void onTracks(List<TsTrack> newTracks) {
        java.util.Arrays.fill(trackOfPid, -1);
        int video = -1;
        int audio = -1;
        for (TsTrack t : newTracks) {
            trackOfPid[t.pid()] = t.index();
            if (t.kind() == TsTrack.Kind.VIDEO && video < 0) {
                video = t.index();
            } else if (t.kind() == TsTrack.Kind.AUDIO && audio < 0) {
                audio = t.index();
            }
        }
        anchorTrack = video >= 0 ? video : audio;
        tracks = List.copyOf(newTracks);
        for (HubConsumer c : consumers) {
            c.tracksChanged(tracks);
        }
    }

    @Override
    public void onFrame(long firstPacketIndex, TsTrack track, long pts, long dts, boolean keyframe) {
        lastFrameMillis = System.currentTimeMillis();
        counters.frame(track.index(), dts);
        long index = indexBase + firstPacketIndex;
        boolean anchor = track.index() == anchorTrack;
        if (anchor && keyframe && (track.kind() == TsTrack.Kind.VIDEO || latestKeyframe < 0)) {
            latestKeyframe = index;
            readerStart = new ReaderStart(index, tableContinuity.counterBefore(TableContinuity.PAT, index),
                    tableContinuity.counterBefore(TableContinuity.PMT, index));
        }
        for (HubConsumer c : consumers) {
            c.frame(index, track, pts, dts, keyframe, anchor);
        }
    }

    /** Called by the ingest loop after each chunk fed to the demuxer: wakes the live readers. */
    public void flush() {
        long size = store.size();
        if (size != notifiedSize) {
            notifiedSize = size;
            for (HubConsumer c : consumers) {
                c.packetsAdded(size);
            }
        }
    }

    // ---------------------------------------------------------------- for consumers

    /** Packets stored so far; the next one gets this index. */
    public long packetCount() {
        return store.size();
    }

    /** The blocks holding packets {@code [from, to)}, kept alive by the returned range whatever the store lets go of. */
    public PinnedRange pin(long from, long to) {
        return store.pin(from, to);
    }

    /** Lets go of packets before {@code index}: live readers further behind are ended. */
    public void releaseBefore(long index) {
        store.releaseBefore(index);
    }

    /**
     * The current PAT and PMT packets (376 bytes, empty before both were seen): the same array
     * until their content changes, so a reader may compare it by identity. Never modify it.
     */
    public byte[] currentProgramTables() {
        return tables.bytes();
    }

    /** A copy of the latest PAT and PMT packets, counters included (empty before both were seen). */
    public byte[] programTables() {
        return tables.snapshot();
    }

    /** When packet {@code index} arrived ({@link System#nanoTime}), or -1 when that is no longer known; on the ingest thread. */
    public long arrivalNanos(long index) {
        return index >= 0 && store.size() - index <= ARRIVALS && index < store.size()
                ? arrivals[(int) (index % ARRIVALS)] : -1;
    }

    // ---------------------------------------------------------------- read side

    public List<TsTrack> tracks() {
        return tracks;
    }

    /** A new viewer, starting at the latest keyframe; null before the first keyframe arrived or once the stream ended. */
    public LiveTsReader openReader() {
        ReaderStart start = readerStart;
        if (start == null || ended) {
            return null;
        }
        LiveTsReaderImpl reader = new LiveTsReaderImpl(store, start.chain(tables.bytes()), start.index, consumers::remove,
                this::sent, this::isEnded);
        consumers.add(reader);
        return reader;
    }

    /** A reader's first packet and the PAT and PMT counters that the stream's next table packets continue. */
    private record ReaderStart(long index, int patCounter, int pmtCounter) {

        /** A copy of {@code tables} (PAT then PMT) with those counters, so the player sees no jump on their PIDs. */
        byte[] chain(byte[] tables) {
            if (tables.length != 2 * PacketStore.PACKET_SIZE) {
                return tables;
            }
            byte[] out = tables.clone();
            setCounter(out, 0, patCounter);
            setCounter(out, PacketStore.PACKET_SIZE, pmtCounter);
            return out;
        }

        private static void setCounter(byte[] packets, int at, int counter) {
            if (counter != TableContinuity.UNKNOWN) {
                packets[at + 3] = (byte) ((packets[at + 3] & 0xF0) | counter);
            }
        }
    }

    public int readerCount() {
        int n = 0;
        for (HubConsumer c : consumers) {
            n += c instanceof LiveTsReaderImpl ? 1 : 0;
        }
        return n;
    }

    /** Ends every reader and lets every consumer go (the stream was removed or stopped). */
    public void close() {
        publishing = false;
        consumers.forEach(HubConsumer::closed);
        consumers.clear();
    }

    public MediaInfo mediaInfo() {
        List<TsTrack> current = tracks;
        List<MediaInfo.Track> out = new ArrayList<>();
        int width = 0;
        int height = 0;
        for (TsTrack t : current) {
            String content = switch (t.kind()) {
                case VIDEO -> "video";
                case AUDIO -> "audio";
                default -> "other";
            };
            if (t.kind() == TsTrack.Kind.VIDEO && width == 0) {
                width = t.width();
                height = t.height();
            }
            out.add(new MediaInfo.Track(content, t.codec(), t.index() + 1, counters.bitrate(t.index()),
                    t.kind() == TsTrack.Kind.VIDEO ? counters.fps(t.index()) : 0, t.width(), t.height(),
                    t.sampleRate(), t.channels(), t.language()));
        }
        return new MediaInfo(width, height, List.copyOf(out));
    }
}
