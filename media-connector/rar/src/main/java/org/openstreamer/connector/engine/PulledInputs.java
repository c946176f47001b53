package org.openstreamer.connector.engine;

import org.openstreamer.connector.api.DvrSettings;
import org.openstreamer.connector.api.InputConfig;
import org.openstreamer.connector.api.InputInfo;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.MediaEventType;
import org.openstreamer.connector.api.StreamConfig;
import org.openstreamer.connector.dvr.DvrArchive;
import org.openstreamer.connector.ingest.IngestSession;
import org.openstreamer.connector.ingest.IngestSessions;
import org.openstreamer.connector.ingest.Source;
import org.openstreamer.connector.ingest.backup.BackupFilePlayer;
import org.openstreamer.connector.ingest.failover.InputFailover;
import org.openstreamer.connector.ingest.failover.StreamFeed;
import org.openstreamer.connector.ingest.pull.PullUrl;
import org.openstreamer.connector.ingest.pull.PullClients;
import org.openstreamer.connector.ingest.pull.TsInput;
import org.openstreamer.connector.ingest.srt.SrtServer;
import org.openstreamer.connector.ingest.timeshift.TimeshiftSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The inputs the engine pulls itself, per stream. A static stream runs from the moment it is
 * configured, for ever; an on-demand one ({@code static} false) from the first {@link #demand}
 * until no viewer asked for it for {@code clients_timeout} seconds, or until {@code retry_limit}
 * attempts failed. What runs is an {@link InputFailover} over the stream's inputs (with its
 * backup file), or a {@link TimeshiftSource} on an engine thread for a {@code timeshift://}
 * first input. Applying a configuration starts what is new, stops what went, and restarts a
 * stream whose inputs or their settings changed.
 */
final class PulledInputs {

    /** What runs for one stream, the settings it was started with, and its last viewer request. */
    private static final class Running {
        final Key key;
        final Runnable stop;
        final InputFailover failover;
        final StreamFeed feed;
        final boolean onDemand;
        final int clientsTimeout;
        volatile long lastDemand;

        Running(Key key, Runnable stop, InputFailover failover, StreamFeed feed, boolean onDemand, int clientsTimeout,
                long now) {
            this.key = key;
            this.stop = stop;
            this.failover = failover;
            this.feed = feed;
            this.onDemand = onDemand;
            this.clientsTimeout = clientsTimeout;
            this.lastDemand = now;
        }
    }

    /** The settings whose change restarts a stream's inputs. */
    private record Key(List<InputConfig> inputs, String backup, boolean isStatic, int retryLimit) {
        static Key of(StreamConfig c) {
            return new Key(inputsOf(c), c.backup(), c.isStatic(), c.retryLimit());
        }
    }

    /** The stream's inputs in failover order; {@code rtp udp}, a stream setting, goes to each {@code rtsp://} one. */
    static List<InputConfig> inputsOf(StreamConfig c) {
        if (!c.rtpUdp()) {
            return c.failoverOrder();
        }
        return c.failoverOrder().stream().map(i -> {
            if (!i.url().regionMatches(true, 0, "rtsp://", 0, 7)) {
                return i;
            }
            java.util.Map<String, String> options = new java.util.HashMap<>(i.options());
            options.put("rtp", "udp");
            return new InputConfig(i.url(), i.priority(), i.sourceTimeout(), options);
        }).toList();
    }

    /** Where a stream's inputs feed it, and what the failover needs of the engine. */
    interface Host {
        /** Admits a source to the stream (null while it has another publisher or is gone). */
        IngestSession open(String stream, Source source);

        boolean hasPublisher(String stream);

        void disconnectPublisher(String stream, String reason);

        /** A session feeds the stream now (not one standing by). */
        boolean publishing(String stream);

        /** Milliseconds since the stream's session brought a frame, -1 without one. */
        long frameAgeMillis(String stream);

        /** Puts the stream's publisher aside (see {@link IngestSessions#standBy}); its peer, or null. */
        String standBy(String stream, IngestSession.Waker waker);

        /** A publisher standing by has the stream again; false if another session has it. */
        boolean resume(IngestSession session);
    }

    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Host host;
    private final Function<String, DvrSettings> dvrOf;
    private final DvrArchive archive;
    private final Consumer<MediaEvent> events;
    private final Function<PullUrl.Scheme, TsInput.Opener> openers;
    private final Function<String, Path> backupFiles;
    private final LongSupplier clock;
    private volatile Map<String, StreamConfig> configured = Map.of();
    private volatile SrtServer.Threads threads;

    /**
     * @param dvrOf       a stream's DVR settings, for timeshift
     * @param archive     where timeshift reads the other stream's segments
     * @param openers     the client of each pulled scheme
     * @param backupFiles where a configured backup path is on disk
     * @param clock       milliseconds, for clients_timeout
     */
    PulledInputs(Host host, Function<String, DvrSettings> dvrOf, DvrArchive archive, Consumer<MediaEvent> events,
                 Function<PullUrl.Scheme, TsInput.Opener> openers, Function<String, Path> backupFiles, LongSupplier clock) {
        this.host = host;
        this.dvrOf = dvrOf;
        this.archive = archive;
        this.events = events;
        this.openers = openers;
        this.backupFiles = backupFiles;
        this.clock = clock;
    }

    /** With the real clients of each scheme and the wall clock. */
    PulledInputs(Host host, Function<String, DvrSettings> dvrOf, DvrArchive archive, Consumer<MediaEvent> events,
                 Function<String, Path> backupFiles) {
        this(host, dvrOf, archive, events, PullClients::openerFor, backupFiles, System::currentTimeMillis);
    }

    /**
     * Brings the running inputs in line with {@code configured}: static streams run, on-demand ones
     * keep running if they were. {@code threads} null: only stops (the engine's threads are not there yet).
     */
    synchronized void apply(Map<String, StreamConfig> configured, SrtServer.Threads threads) {
        this.configured = configured;
        this.threads = threads;
        running.entrySet().removeIf(e -> {
            StreamConfig c = configured.get(e.getKey());
            boolean keep = c != null && runnable(c) && e.getValue().key.equals(Key.of(c));
            if (!keep) {
                e.getValue().stop.run();
            }
            return !keep;
        });
        if (threads == null) {
            return;
        }
        for (StreamConfig c : configured.values()) {
            if (runnable(c) && c.isStatic() && !running.containsKey(c.name())) {
                start(c, threads);
            }
        }
    }

    /** Whether the engine has something to run for the stream: an input it can pull, or a backup file. */
    static boolean runnable(StreamConfig c) {
        return !c.disabled() && (c.backup() != null || c.failoverOrder().stream()
                .anyMatch(i -> PullUrl.handles(i.url()) || TimeshiftSource.parse(i.url()) != null));
    }

    /**
     * A viewer asks for the stream: an on-demand stream starts if it is not running, and the
     * request keeps it running for {@code clients_timeout}. True while an on-demand stream's inputs
     * run (a static stream's viewer has nothing to wait for).
     */
    boolean demand(String name) {
        Running r = running.get(name);
        if (r != null) {
            r.lastDemand = clock.getAsLong();
            return r.onDemand;
        }
        StreamConfig c = configured.get(name);
        SrtServer.Threads t = threads;
        if (c == null || c.isStatic() || !runnable(c) || t == null) {
            return false;
        }
        synchronized (this) {
            if (!running.containsKey(name) && configured.get(name) == c) {
                start(c, t);
                events.accept(MediaEvent.of(MediaEventType.STREAM_STARTED, name, Map.of("reason", "a viewer asked for it")));
            }
        }
        return running.containsKey(name);
    }

    /** Cheap, for the playback hot path: an on-demand stream's viewer is still there. */
    void touch(String name) {
        Running r = running.get(name);
        if (r != null && r.onDemand) {
            r.lastDemand = clock.getAsLong();
        }
    }

    /**
     * Once a second: an on-demand stream with no viewer ({@code viewers} says how many readers it
     * has) and no request for {@code clients_timeout} stops.
     */
    void expireIdle(Function<String, Integer> viewers) {
        long now = clock.getAsLong();
        running.forEach((name, r) -> {
            if (r.onDemand && viewers.apply(name) == 0 && now - r.lastDemand > r.clientsTimeout * 1000L) {
                stop(name, r, "no clients for " + r.clientsTimeout + " s (clients_timeout)");
            }
        });
    }

    private synchronized void stop(String name, Running r, String reason) {
        if (running.get(name) == r) {
            events.accept(MediaEvent.of(MediaEventType.STREAM_STOPPED, name, Map.of("reason", reason)));
            running.remove(name, r);
            r.stop.run();
        }
    }

    private void start(StreamConfig c, SrtServer.Threads threads) {
        String name = c.name();
        long now = clock.getAsLong();
        String first = c.failoverOrder().stream().filter(i -> !i.isPublish()).map(InputConfig::url).findFirst().orElse(null);
        TimeshiftSource.Spec spec = first == null ? null : TimeshiftSource.parse(first);
        if (spec != null) {
            TimeshiftSource source = new TimeshiftSource(name, spec, dvrOf, archive, s -> host.open(name, s));
            running.put(name, new Running(Key.of(c), source::stop, null, null, !c.isStatic(), c.clientsTimeout(), now));
            threads.start("timeshift-" + name, source);
            return;
        }
        StreamFeed feed = new StreamFeed(s -> host.open(name, s));
        BackupFilePlayer backup = c.backup() == null ? null
                : new BackupFilePlayer(name, c.backup(), backupFiles.apply(c.backup()), feed, events);
        Running[] self = new Running[1];
        InputFailover failover = new InputFailover(name, inputsOf(c), openers, feed, backup,
                new InputFailover.Host() {
                    @Override
                    public boolean publisherFeeds() {
                        return host.publishing(name) && !feed.held();
                    }

                    @Override
                    public void disconnectPublisher(String reason) {
                        host.disconnectPublisher(name, reason);
                    }

                    @Override
                    public long publisherFrameAgeMillis() {
                        return feed.held() ? -1 : host.frameAgeMillis(name);
                    }

                    @Override
                    public String standByPublisher(IngestSession.Waker waker) {
                        return feed.held() ? null : host.standBy(name, waker);
                    }

                    @Override
                    public boolean resumePublisher(IngestSession session) {
                        return host.resume(session);
                    }
                }, c.isStatic() ? 0 : c.retryLimit(), events, why -> stop(name, self[0], why));
        Running r = new Running(Key.of(c), failover::stop, failover, feed, !c.isStatic(), c.clientsTimeout(), now);
        self[0] = r;
        running.put(name, r);
        Thread t = new Thread(failover, "openstreamer-inputs-" + name);
        t.setDaemon(true);
        t.start();
    }

    /** Whether the stream's pulled inputs run now. */
    boolean isRunning(String name) {
        return running.containsKey(name);
    }

    /**
     * A publisher arrives at {@code name}: whether it may have the stream (the failover gives it
     * up when {@code publish://} ranks above what feeds it, or the backup plays).
     */
    boolean admitPublisher(String name) {
        Running r = running.get(name);
        return r == null || r.failover == null || r.failover.admitPublisher();
    }

    /** Whether the stream's inputs or its backup feed it now. */
    boolean feeding(String name) {
        Running r = running.get(name);
        return r != null && r.feed != null && r.feed.held();
    }

    /** Whether the stream's inputs or backup feed it now and a publisher may not take it over. */
    boolean keepsPublishersOut(String name) {
        Running r = running.get(name);
        return r != null && r.feed != null && r.feed.held() && !r.failover.publisherMayTakeOver();
    }

    /** Whether the backup file feeds the stream now (its segments are not recorded). */
    boolean backupPlaying(String name) {
        Running r = running.get(name);
        return r != null && r.feed != null && r.feed.backupPlaying();
    }

    /** Makes {@code url} the active input; false when the stream's inputs do not run or it is none of them. */
    boolean switchTo(String name, String url) {
        Running r = running.get(name);
        return r != null && r.failover != null && r.failover.switchTo(url);
    }

    /** Each input's state, or an empty list while the stream's inputs do not run. */
    List<InputInfo> states(String name) {
        Running r = running.get(name);
        return r == null || r.failover == null ? List.of() : r.failover.states();
    }

    /** Why the stream's pulled inputs are not delivering right now, or null. */
    String lastError(String name) {
        Running r = running.get(name);
        if (r == null || r.failover == null || r.feed.held()) {
            return null;
        }
        return r.failover.states().stream().map(InputInfo::lastError).filter(e -> e != null).findFirst().orElse(null);
    }

    /** The input that feeds the stream, or the first pulled one while the stream's inputs run. */
    String activeUrl(String name) {
        Running r = running.get(name);
        if (r == null) {
            return null;
        }
        String active = r.failover == null ? null : r.failover.activeUrl();
        return PullUrl.masked(active != null ? active : r.key.inputs().stream().filter(i -> !i.isPublish())
                .map(InputConfig::url).findFirst().orElse(null)); // no rtsp:// password in the API's figures
    }

    synchronized void stopAll() {
        running.values().forEach(r -> r.stop.run());
        running.clear();
    }
}
