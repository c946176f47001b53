package org.openstreamer.connector.engine;

import org.openstreamer.connector.api.DvrSettings;
import org.openstreamer.connector.dvr.DvrArchive;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.StreamConfig;
import org.openstreamer.connector.ingest.IngestSession;
import org.openstreamer.connector.ingest.Source;
import org.openstreamer.connector.ingest.pull.PullUrl;
import org.openstreamer.connector.ingest.pull.PulledSource;
import org.openstreamer.connector.ingest.pull.TsInput;
import org.openstreamer.connector.ingest.rtsp.RtspOptions;
import org.openstreamer.connector.ingest.rtsp.RtspTsInput;
import org.openstreamer.connector.ingest.rtsp.RtspUrl;
import org.openstreamer.connector.ingest.srt.SrtServer;
import org.openstreamer.connector.ingest.timeshift.TimeshiftSource;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The inputs the engine pulls itself, one per enabled static stream whose first pulled input it
 * can run: {@code timeshift://} on an engine thread, {@code udp://}, {@code tshttp://},
 * {@code tstcp://} and {@code rtsp://} each on a thread of its own (they block in reads, and there is one per stream,
 * so they stay out of the container's small shared pool). Applying a configuration starts what is
 * new, stops what went, and restarts a puller whose URL or source timeout changed.
 */
final class PulledInputs {

    /** What runs for one stream, and the settings it was started with. */
    private record Running(String url, int sourceTimeout, boolean rtpUdp, java.util.List<Integer> tracks, Runnable stop,
                           PulledSource pull) {
    }

    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final BiFunction<String, Source, IngestSession> open;
    private final Function<String, DvrSettings> dvrOf;
    private final DvrArchive archive;
    private final Consumer<MediaEvent> events;

    /**
     * @param open  admits a source to the named stream (null while it has another publisher or is gone)
     * @param dvrOf   a stream's DVR settings, for timeshift
     * @param archive where timeshift reads the other stream's segments
     */
    PulledInputs(BiFunction<String, Source, IngestSession> open, Function<String, DvrSettings> dvrOf, DvrArchive archive,
                 Consumer<MediaEvent> events) {
        this.open = open;
        this.dvrOf = dvrOf;
        this.archive = archive;
        this.events = events;
    }

    /**
     * Brings the running pullers in line with {@code configured}. {@code threads} null: only stops
     * (the engine's threads are not there yet).
     */
    synchronized void apply(Map<String, StreamConfig> configured, SrtServer.Threads threads) {
        running.entrySet().removeIf(e -> {
            StreamConfig c = configured.get(e.getKey());
            boolean keep = c != null && wanted(c) && e.getValue().url().equals(c.source())
                    && e.getValue().sourceTimeout() == c.sourceTimeout() && e.getValue().rtpUdp() == c.rtpUdp()
                    && e.getValue().tracks().equals(c.sourceTracks());
            if (!keep) {
                e.getValue().stop().run();
            }
            return !keep;
        });
        if (threads == null) {
            return;
        }
        for (StreamConfig c : configured.values()) {
            if (wanted(c) && !running.containsKey(c.name())) {
                start(c, threads);
            }
        }
    }

    private static boolean wanted(StreamConfig c) {
        return !c.disabled() && c.isStatic() && c.source() != null;
    }

    private void start(StreamConfig c, SrtServer.Threads threads) {
        String name = c.name();
        TimeshiftSource.Spec spec = TimeshiftSource.parse(c.source());
        if (spec != null) {
            TimeshiftSource source = new TimeshiftSource(name, spec, dvrOf, archive, s -> open.apply(name, s));
            running.put(name, new Running(c.source(), c.sourceTimeout(), c.rtpUdp(), c.sourceTracks(), source::stop, null));
            threads.start("timeshift-" + name, source);
            return;
        }
        if (!PullUrl.handles(c.source())) {
            return;
        }
        PullUrl url;
        try {
            url = PullUrl.parse(c.source());
        } catch (IllegalArgumentException e) {
            return; // reported by the engine's input check
        }
        TsInput.Opener opener = url.scheme() == PullUrl.Scheme.RTSP
                ? RtspTsInput.opener(RtspUrl.parse(c.source()), new RtspOptions(c.rtpUdp(), c.sourceTracks()))
                : PulledSource.openerFor(url.scheme());
        PulledSource source = new PulledSource(name, url, c.sourceTimeout(), opener, s -> open.apply(name, s), events);
        running.put(name, new Running(c.source(), c.sourceTimeout(), c.rtpUdp(), c.sourceTracks(), source::stop, source));
        Thread t = new Thread(source, "openstreamer-pull-" + name);
        t.setDaemon(true);
        t.start();
    }

    /** Why the stream's pulled input is not delivering right now, or null. */
    String lastError(String name) {
        Running r = running.get(name);
        return r == null || r.pull() == null ? null : r.pull().lastError();
    }

    /** The URL the stream pulls, while a puller runs for it. */
    String activeUrl(String name) {
        Running r = running.get(name);
        return r == null ? null : r.pull() != null ? r.pull().url() : r.url(); // the puller's: no rtsp:// password
    }

    synchronized void stopAll() {
        running.values().forEach(r -> r.stop().run());
        running.clear();
    }
}
