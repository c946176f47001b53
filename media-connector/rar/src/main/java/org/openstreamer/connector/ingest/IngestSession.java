package org.openstreamer.connector.ingest;

import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.MediaEventType;
import org.openstreamer.connector.buffer.LiveStream;
import org.openstreamer.connector.demux.ts.TsDemuxStats;
import org.openstreamer.connector.demux.ts.TsDemuxer;
import org.openstreamer.connector.mux.ts.MuxInputException;
import org.openstreamer.connector.mux.ts.MuxTrack;
import org.openstreamer.connector.mux.ts.TsMuxListener;
import org.openstreamer.connector.mux.ts.TsMuxer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * One source admitted to one stream, from {@link IngestSessions#open} to {@link #close}. It owns
 * the demuxer that feeds the stream's hub and publishes the ingest events, so that every protocol
 * starts, reports and stops a publisher the same way.
 *
 * <p>A source hands it either MPEG-TS ({@link #feed}) or access units with 90 kHz timestamps
 * ({@link #declareTracks}, then {@link #accessUnit}); access units are muxed to TS, whose packets
 * the hub stores as any other, while their frames go to the demuxer whole
 * ({@link TsDemuxer#feedMuxed}), so the hub and everything after it see one kind of input and the
 * TS is not parsed again.
 *
 * <p>Threading: {@link #feed}, {@link #declareTracks}, {@link #accessUnit} and {@link #check} run on
 * the source's feeding thread only (the demuxer and muxer are that thread's alone) and allocate
 * nothing per call in steady state; {@link #close} may come from any thread, once.
 *
 * <p>Stand-by: a publisher that stays connected but sends no frames may be put aside
 * ({@link #standBy}) so the stream's backup feeds the hub; its connection stays open, its bytes
 * are looked at but not demuxed, and the first one that starts a frame asks its {@link Waker} for
 * the stream back. The session's methods are serialized (one uncontended lock per chunk) so that
 * the switch, made from the failover's thread, never races a feed.
 */
public final class IngestSession {

    private static final Logger LOG = Logger.getLogger(IngestSession.class.getName());
    /** How often a source runs {@link #check}. */
    public static final long CHECK_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** No frame for this long: {@code frames_timed_out} (the stream's {@code frames_timeout}, by default 3 s). */
    public static final long FRAMES_TIMEOUT_MS = 3000;
    /**
     * Input without one valid TS packet over this many bytes is not MPEG-TS (or hopelessly broken):
     * the source is disconnected rather than fed garbage for ever. 4 MiB is over 20,000 packets, more
     * than any damaged but real stream loses between two good ones.
     */
    public static final long NO_SYNC_LIMIT = 4L << 20;

    private final String stream;
    private final Source source;
    private final LiveStream hub;
    /** A new one each time the session takes the hub back after a stand-by: the hub numbers its packets from 0. */
    private TsDemuxer demuxer;
    /** Set while the session stands by; null while it feeds the hub. */
    private Waker waker;
    /** Input errors of the demuxers before the current one. */
    private long earlierErrors;
    /** When the session (last) took the hub, for {@link #frameAgeMillis}. */
    private volatile long feedingSinceNanos;
    /** Null until the source declares its tracks. */
    private TsMuxer muxer;
    /** Access units and sequence headers refused (unknown track, malformed); feeding thread only. */
    private long refusedUnits;
    private final Consumer<MediaEvent> events;
    private final Consumer<IngestSession> onClose;
    /** For log lines: {@code SRT publisher 127.0.0.1:5000 on port 9001 of cam1}. */
    private final String label;
    private final long openedNanos = System.nanoTime();
    {
        feedingSinceNanos = openedNanos;
    }
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Bytes fed; written by the feeding thread only. */
    private long bytes;
    /** Input errors as of the last check; readable from any thread. */
    private volatile long errors;
    private volatile boolean framesTimedOut;
    /** The stream's frames_timeout, in milliseconds. */
    private final long framesTimeoutMs;
    private long nextCheck = openedNanos + CHECK_EVERY_NANOS;
    /** When {@link #bytes} reaches this, the demuxer must have found a packet since the last look. */
    private long nextSyncCheck = NO_SYNC_LIMIT;
    private long packetsAtSyncCheck;
    /** Set once the input was found not to be MPEG-TS: later bytes are dropped until the source goes. */
    private volatile String refusal;

    IngestSession(String stream, Source source, LiveStream hub, Consumer<MediaEvent> events,
                  Consumer<IngestSession> onClose, long framesTimeoutMs) {
        this.stream = stream;
        this.framesTimeoutMs = framesTimeoutMs;
        this.source = source;
        this.hub = hub;
        this.demuxer = new TsDemuxer(hub);
        this.events = events;
        this.onClose = onClose;
        this.label = source.protocol().toUpperCase(Locale.ROOT) + " publisher " + source.peer()
                + (source.port() > 0 ? " on port " + source.port() : "") + " of " + stream;
    }

    /** What a session on stand-by asks when frames come again. */
    public interface Waker {
        /**
         * Whether {@code session} may have the stream back; if so, whatever feeds the stream now
         * has let go of it and the session is the stream's publisher again. Called on the
         * session's feeding thread.
         */
        boolean wake(IngestSession session);
    }

    /** The hub learns of its publisher; {@code publish_started}. */
    void start() {
        hub.publisherStarted(source.peer(), source.port());
        LOG.info(label + " connected");
        events.accept(MediaEvent.of(MediaEventType.PUBLISH_STARTED, stream, Map.of("protocol", source.protocol(),
                "peer", source.peer(), "port", source.port())));
    }

    public String stream() {
        return stream;
    }

    public Source source() {
        return source;
    }

    /** Short description for log lines. */
    public String describe() {
        return label;
    }

    /** MPEG-TS bytes, in any cut: demuxed into the hub, whose live readers are woken once per call. */
    public synchronized void feed(byte[] buf, int off, int len) {
        if (refusal != null || closed.get()) {
            return;
        }
        bytes += len;
        if (waker != null && !(FrameStart.in(buf, off, len) && wake())) {
            return;
        }
        demuxer.feed(buf, off, len);
        hub.flush();
        if (bytes >= nextSyncCheck) {
            checkSync();
        }
    }

    /** Once per {@link #NO_SYNC_LIMIT} bytes: no packet since the last look, so the source is asked to go. */
    private void checkSync() {
        nextSyncCheck = bytes + NO_SYNC_LIMIT;
        long packets = demuxer.stats().packets();
        if (packets == packetsAtSyncCheck) {
            refusal = "not MPEG-TS: no packet sync in " + (NO_SYNC_LIMIT >> 20) + " MiB of input";
            LOG.warning(label + ": " + refusal + ", disconnecting");
            source.disconnect(refusal);
        }
        packetsAtSyncCheck = packets;
    }

    /** Why the session refuses further input (it is not MPEG-TS), or null. */
    public String refusal() {
        return refusal;
    }

    /**
     * Milliseconds since the last frame reached the hub, or since the session opened if none has
     * since (the hub may remember a frame of an earlier publisher).
     */
    public long frameAgeMillis() {
        long open = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - feedingSinceNanos);
        long last = hub.lastFrameMillis();
        return last == 0 ? open : Math.min(open, System.currentTimeMillis() - last);
    }

    /**
     * The tracks of a source that delivers access units, once, before its first one.
     *
     * @throws IllegalArgumentException for a bad declaration or sequence header
     * @throws IllegalStateException    if the tracks were declared already
     */
    public synchronized void declareTracks(List<MuxTrack> tracks) {
        if (muxer != null) {
            throw new IllegalStateException(label + ": tracks already declared");
        }
        muxer = new TsMuxer(tracks, new MuxedInput());
    }

    /**
     * The muxer's packets and access units into the demuxer of the moment: the packets are stored
     * and the program tables read as fed TS would be, but each frame is taken whole from the muxer
     * rather than found again in the packets it just wrote (the bulk of an RTMP publisher's cost).
     */
    private final class MuxedInput implements TsMuxListener {
        @Override
        public void pes(int pid, byte[] pes, int off, int len) {
            demuxer.expectPes(pid, pes, off, len);
        }

        @Override
        public void packets(byte[] buf, int off, int len) {
            demuxer.feedMuxed(buf, off, len);
        }
    }

    /**
     * One access unit of a declared track (see {@link TsMuxer#accessUnit}): muxed to TS and handed
     * to the hub as {@link #feed} would, without demuxing the TS again. A unit that cannot be muxed is dropped and counted among the
     * input errors; the first one per session is logged.
     */
    public synchronized void accessUnit(int track, long pts, long dts, boolean keyframe, byte[] buf, int off, int len) {
        bytes += len;
        if (waker != null && !wake()) {
            return; // an access unit is a frame: it asks for the stream back, or is dropped
        }
        try {
            if (muxer == null) {
                throw new MuxInputException("access unit before the tracks were declared");
            }
            muxer.accessUnit(track, pts, dts, keyframe, buf, off, len);
        } catch (MuxInputException e) {
            refused(e);
            return;
        }
        hub.flush();
    }

    /**
     * A new sequence header for a track declared with one (see {@link TsMuxer#sequenceHeader}); a
     * malformed one is ignored and counted among the input errors, the track keeps the old one.
     */
    public synchronized void sequenceHeader(int track, byte[] config) {
        try {
            if (muxer == null) {
                throw new MuxInputException("sequence header before the tracks were declared");
            }
            muxer.sequenceHeader(track, config);
        } catch (IllegalArgumentException e) {
            refused(e);
        }
    }

    private void refused(IllegalArgumentException e) {
        if (refusedUnits++ == 0) {
            LOG.warning(label + ": input refused (further ones only counted): " + e.getMessage());
        }
    }

    /**
     * The periodic health check: input errors (continuity, sync, transport errors, bad tables and
     * PES) into the hub, and {@code frames_timed_out} once no frame came for the stream's
     * {@code frames_timeout}. Run by the feeding thread every {@link #CHECK_EVERY_NANOS},
     * also while no input comes.
     */
    public synchronized void check() {
        if (waker != null) {
            return; // the backup's session reports for the hub meanwhile
        }
        TsDemuxStats s = demuxer.stats();
        errors = earlierErrors + s.ccErrors() + s.syncLosses() + s.teiPackets() + s.malformedPackets() + s.badCrcSections()
                + s.psiErrors() + s.pesErrors() + s.oversizePes() + refusedUnits;
        hub.reportErrors(errors);
        long since = frameAgeMillis();
        if (since > framesTimeoutMs && !framesTimedOut) {
            framesTimedOut = true;
            LOG.warning(label + ": no frames for " + since + " ms");
            events.accept(MediaEvent.of(MediaEventType.FRAMES_TIMED_OUT, stream,
                    Map.of("peer", source.peer(), "timeout_ms", framesTimeoutMs)));
        } else if (since <= framesTimeoutMs && framesTimedOut) {
            framesTimedOut = false;
            events.accept(MediaEvent.of(MediaEventType.FRAMES_RESTORED, stream, Map.of("peer", source.peer())));
        }
    }

    /**
     * The source's timestamps start over (a backup file plays again from its start): the hub's
     * consumers cut and start anew, as for a new publisher, without the publisher events. Feeding
     * thread only.
     */
    public synchronized void restartTimeline() {
        hub.timelineRestarted();
    }

    /**
     * Puts the session aside while its publisher, still connected, sends no frames: the hub's
     * segment closes as if the publisher had left (so the backup follows a discontinuity), and
     * nothing the publisher sends reaches the hub until {@code waker} gives the stream back.
     * False if the session is closed or stands by already.
     */
    public synchronized boolean standBy(Waker waker) {
        if (closed.get() || this.waker != null) {
            return false;
        }
        this.waker = waker;
        hub.publisherStopped();
        LOG.info(label + " stands by: no frames");
        return true;
    }

    public synchronized boolean standingBy() {
        return waker != null;
    }

    /** Frames come again: the hub back, with a new demuxer (the hub numbers packets from 0 for it), or false. */
    private boolean wake() {
        if (!waker.wake(this)) {
            return false;
        }
        waker = null;
        TsDemuxStats s = demuxer.stats();
        earlierErrors += s.ccErrors() + s.syncLosses() + s.teiPackets() + s.malformedPackets() + s.badCrcSections()
                + s.psiErrors() + s.pesErrors() + s.oversizePes();
        demuxer = new TsDemuxer(hub);
        packetsAtSyncCheck = 0;
        nextSyncCheck = bytes + NO_SYNC_LIMIT;
        feedingSinceNanos = System.nanoTime();
        hub.publisherStarted(source.peer(), source.port());
        LOG.info(label + " sends frames again: it feeds the stream");
        return true;
    }

    /** {@link #check} if half a second has passed since the last one: for sources with a loop of their own. */
    public void checkIfDue() {
        long now = System.nanoTime();
        if (now - nextCheck >= 0) {
            nextCheck = now + CHECK_EVERY_NANOS;
            check();
        }
    }

    /**
     * The source is gone: the stream is free for the next publisher, the hub closes its last
     * segment, and {@code publish_stopped} (with {@code source_lost} first if frames had stopped
     * coming) reports bytes, errors, the reason and the protocol's statistics. Only the first
     * call counts. A source with a socket closes it after this, so its statistics can be read.
     */
    public void close(String reason) {
        end(reason, framesTimedOut);
    }

    /**
     * Like {@link #close}, for a source that broke rather than ended (a pulled source that must be
     * reconnected): {@code source_lost} is always published first.
     */
    public void lost(String reason) {
        end(reason, true);
    }

    private synchronized void end(String reason, boolean lost) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        boolean feeding = waker == null;
        waker = null;
        onClose.accept(this);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("peer", source.peer());
        data.put("port", source.port());
        data.put("reason", reason);
        data.put("bytes", bytes);
        data.put("errors", errors);
        data.putAll(source.stopStats());
        if (feeding) { // on stand-by, the hub is the backup's: its segment goes on
            hub.publisherStopped();
        }
        LOG.info(label + " disconnected: " + reason);
        if (lost) {
            events.accept(MediaEvent.of(MediaEventType.SOURCE_LOST, stream, Map.of("peer", source.peer(), "reason", reason)));
        }
        events.accept(MediaEvent.of(MediaEventType.PUBLISH_STOPPED, stream, data));
    }
}
