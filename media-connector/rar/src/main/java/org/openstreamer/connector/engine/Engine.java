package org.openstreamer.connector.engine;

import org.openstreamer.connector.api.DvrSettings;
import org.openstreamer.connector.api.DvrStatus;
import org.openstreamer.connector.api.EngineInfo;
import org.openstreamer.connector.api.PipelineInfo;
import org.openstreamer.connector.api.PlayAuthorizer;
import org.openstreamer.connector.api.SrtConnectionStats;
import org.openstreamer.connector.api.PublishLocationConfig;
import org.openstreamer.connector.api.PushInfo;
import org.openstreamer.connector.api.ServerSettings;
import org.openstreamer.connector.api.StreamConfig;
import org.openstreamer.connector.api.Thumbnail;
import org.openstreamer.connector.thumbnails.StreamThumbnails;
import org.openstreamer.connector.thumbnails.Thumbnailer;
import org.openstreamer.connector.api.StreamTemplateConfig;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.buffer.DelayRecorder;
import org.openstreamer.connector.api.Archive;
import org.openstreamer.connector.api.ArchiveSegmentRecord;
import org.openstreamer.connector.api.LivePlayback;
import org.openstreamer.connector.drm.DrmTable;
import org.openstreamer.connector.api.LiveTsReader;
import org.openstreamer.connector.api.MediaInfo;
import org.openstreamer.connector.dvr.DvrArchive;
import org.openstreamer.connector.buffer.LiveStream;
import org.openstreamer.connector.api.PlaylistSegment;
import org.openstreamer.connector.api.PlaylistType;
import org.openstreamer.connector.packager.hls.HlsOutput;
import org.openstreamer.connector.packager.hls.HlsPlaylistWriter;
import org.openstreamer.connector.packager.hls.HlsSegmenter;
import org.openstreamer.connector.push.Pushes;
import org.openstreamer.connector.dvr.DvrRecorder;
import org.openstreamer.connector.ingest.IngestSession;
import org.openstreamer.connector.ingest.IngestSessions;
import org.openstreamer.connector.ingest.PublishAdmission;
import org.openstreamer.connector.ingest.PublishAuthorization;
import org.openstreamer.connector.auth.OnPublishBackend;
import org.openstreamer.connector.auth.OnPublishRequest;
import org.openstreamer.connector.api.MediaEventType;
import org.openstreamer.connector.ingest.Source;
import org.openstreamer.connector.ingest.http.HttpTsPublisher;
import org.openstreamer.connector.ingest.pull.PullUrl;
import org.openstreamer.connector.api.Publishing;
import org.openstreamer.connector.ingest.timeshift.TimeshiftSource;
import org.openstreamer.connector.ingest.srt.SrtServer;
import org.openstreamer.connector.ingest.rtmp.RtmpServer;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The media engine's own state, independent of JCA: when it started, what FFmpeg offers, and the
 * pipelines it runs. The resource adapter owns one instance for its lifetime.
 */
public final class Engine {

    public static final String VERSION = readVersion();

    private final Instant startedAt = Instant.now();
    private volatile FfmpegStatus ffmpeg = FfmpegStatus.LOADING_NOW;
    private volatile boolean running = true;
    private volatile StreamTable table = StreamTable.EMPTY;
    /** Since when each static stream runs (waiting for its source until it has one). */
    private final Map<String, Instant> staticSince = new ConcurrentHashMap<>();
    /** Since when each running on-demand stream runs, noted when its state is first asked for. */
    private final Map<String, Instant> startedOnDemand = new ConcurrentHashMap<>();
    private final Map<String, LiveStream> live = new ConcurrentHashMap<>();
    /** The HLS segmenter of each hub in {@link #live}, under the same name. */
    private final Map<String, HlsSegmenter> segmenters = new ConcurrentHashMap<>();
    /** The HLS output of each hub in {@link #live}, under the same name. */
    private final Map<String, HlsOutput> hls = new ConcurrentHashMap<>();
    /** Thumbnails of the live streams that have the option. */
    private final Map<String, StreamThumbnails> thumbnails = new ConcurrentHashMap<>();
    private final Thumbnailer thumbnailer = new Thumbnailer(() -> ffmpeg.state() == FfmpegStatus.State.LOADED);
    /** Why a configured stream's pulled input cannot run, by stream name. */
    private final Map<String, String> unsupported = new ConcurrentHashMap<>();
    /** The input each stream was last switched to; kept apart from the hubs, which come and go. */
    private final Map<String, String> sources = new ConcurrentHashMap<>();
    private final DelayRecorder segmentDelays = new DelayRecorder();
    private final Consumer<MediaEvent> events;
    /** Who publishes to which stream, whatever the protocol. */
    private final IngestSessions ingest;
    private final SrtServer srt;
    private final RtmpServer rtmp;
    /** Whether RTMP listens: from {@link #startRtmp} to {@link #stop}. */
    private volatile boolean rtmpStarted;
    /** Bounds the segments waiting for the disk (about 2.5 MB each at 5 Mbit/s and 4 s). */
    private static final int DVR_QUEUE = 128;
    private final DvrArchive archive = new DvrArchive();
    private final DrmTable drm = new DrmTable();
    private final DvrRecorder recorder;
    /** The inputs the engine pulls itself, by stream name. */
    private final PulledInputs pulled;
    private volatile SrtServer.Threads threads;
    /** Every stream's pushes, run by one thread. */
    private final Pushes pushes;
    /** The on_publish step of every protocol's admission; its HTTP client runs on the adapter's threads once started. */
    private volatile PublishAuthorization authorization = authorization(null);
    /** Who may play over SRT and RTMP: the web layer's playback check once it installed it. */
    private volatile PlayAuthorizer players = PlayAuthorizer.OPEN;

    /** An engine whose archive segments go nowhere (no index): for tests. */
    public Engine(Consumer<MediaEvent> events) {
        this(events, rows -> { });
    }

    /**
     * @param events   what happens, for the inbound listeners
     * @param archived batches of segments the recorder wrote, for the archive's index
     */
    public Engine(Consumer<MediaEvent> events, Consumer<List<ArchiveSegmentRecord>> archived) {
        this.events = events;
        this.recorder = new DvrRecorder(archive, events, archived, DVR_QUEUE);
        this.ingest = new IngestSessions(this::liveStream, events, stream -> {
            StreamTable.Resolved r = table.resolve(stream);
            return 1000L * (r == null ? StreamConfig.DEFAULT_FRAMES_TIMEOUT : r.config().framesTimeout());
        });
        this.pushes = new Pushes(live::get, segmenters::get, events);
        this.pushes.refuseWhen(drm::refusesClear);
        drm.onClearRuleChange(this::reapplyPushes);
        drm.onLoaded(() -> pushes.streams().forEach(this::reapplyPushes));
        this.pulled = new PulledInputs(new PulledInputs.Host() {
            @Override
            public IngestSession open(String stream, Source source) {
                return ingest.open(stream, source);
            }

            @Override
            public boolean hasPublisher(String stream) {
                return Engine.this.hasPublisher(stream);
            }

            @Override
            public void disconnectPublisher(String stream, String reason) {
                ingest.disconnect(stream, reason);
            }

            @Override
            public boolean publishing(String stream) {
                return ingest.hasPublisher(stream);
            }

            @Override
            public long frameAgeMillis(String stream) {
                return ingest.frameAgeMillis(stream);
            }

            @Override
            public String standBy(String stream, IngestSession.Waker waker) {
                IngestSession s = ingest.standBy(stream, waker);
                return s == null ? null : s.source().peer();
            }

            @Override
            public boolean resume(IngestSession session) {
                return ingest.resume(session);
            }
        }, this::dvrOf, archive, events, BackupFiles::resolve);
        this.srt = new SrtServer(new SrtServer.Host() {
            @Override
            public StreamConfig config(String stream) {
                StreamTable.Resolved r = table.resolve(stream);
                return r == null ? null : r.config();
            }

            @Override
            public boolean isLive(String stream) {
                LiveStream l = live.get(stream);
                return l != null && l.isLive();
            }

            @Override
            public String playRefusal(String stream) {
                return clearPlayRefusal(stream, "SRT", "an SRT player");
            }

            @Override
            public boolean hasPublisher(String stream) {
                return Engine.this.hasPublisher(stream);
            }

            @Override
            public PublishAuthorization authorization() {
                return authorization;
            }

            @Override
            public PlayAuthorizer playAuthorizer() {
                return players;
            }

            @Override
            public LiveStream liveStream(String name) {
                return Engine.this.liveStream(name);
            }

            @Override
            public IngestSession openSession(String stream, Source source) {
                return Engine.this.openSession(stream, source);
            }

            @Override
            public void publish(MediaEvent event) {
                Engine.this.events.accept(event);
            }
        });
        this.rtmp = new RtmpServer(new RtmpServer.Host() {
            @Override
            public StreamConfig config(String stream) {
                StreamTable.Resolved r = table.resolve(stream);
                return r == null ? null : r.config();
            }

            @Override
            public boolean hasPublisher(String stream) {
                return Engine.this.hasPublisher(stream);
            }

            @Override
            public PublishAuthorization authorization() {
                return authorization;
            }

            @Override
            public PlayAuthorizer playAuthorizer() {
                return players;
            }

            @Override
            public IngestSession openSession(String stream, Source source) {
                return Engine.this.openSession(stream, source);
            }

            @Override
            public LiveTsReader openLiveTs(String stream) {
                return Engine.this.openLiveTs(stream);
            }

            @Override
            public String playRefusal(String stream) {
                return clearPlayRefusal(stream, "RTMP", "an RTMP player");
            }

            @Override
            public void publish(MediaEvent event) {
                Engine.this.events.accept(event);
            }
        });
    }

    /** Installs who decides about SRT and RTMP players; {@link PlayAuthorizer#OPEN} lets everyone play. */
    public void playAuthorizer(PlayAuthorizer authorizer) {
        players = authorizer == null ? PlayAuthorizer.OPEN : authorizer;
    }

    /**
     * Lets on_publish backends be asked on {@code executor} (the adapter's work manager); until
     * then the HTTP client uses threads of its own.
     */
    public void startAuthorization(Executor executor) {
        authorization = authorization(executor);
    }

    private PublishAuthorization authorization(Executor executor) {
        return new PublishAuthorization(name -> {
            StreamTable.Resolved r = table.resolve(name);
            return r == null || r.config().onPublish() == null ? null
                    : new PublishAuthorization.Target(r.config().onPublish(), r.location());
        }, OnPublishBackend.fromSystemProperties(executor));
    }

    /** Starts listening for RTMP on the configured port (see {@link #rtmpPort}). */
    public void startRtmp() {
        rtmpStarted = true;
        rtmp.listen(rtmpPort(settings));
    }

    /**
     * The port RTMP listens on: {@code listeners.rtmp} (1935 by default), shifted like every
     * other port of the server by WildFly's {@code jboss.socket.binding.port-offset}, so that
     * several servers on one machine do not clash; 0 (off) stays 0.
     */
    static int rtmpPort(ServerSettings settings) {
        int configured = settings.rtmpPort();
        int shifted = configured + Integer.getInteger("jboss.socket.binding.port-offset", 0);
        return configured == 0 || shifted < 1 || shifted > 65535 ? 0 : shifted;
    }

    /** The port RTMP listens on now, 0 when it does not. */
    public int rtmpListeningPort() {
        return rtmp.port();
    }

    /**
     * Admits {@code source} as the publisher of {@code stream}, whatever its protocol: the session
     * it feeds, or null when the stream is gone or already has a publisher.
     */
    public IngestSession openSession(String stream, Source source) {
        if (ingest.hasStandingBy(stream) || !pulled.admitPublisher(stream)) {
            return null; // a publisher standing by is still the stream's
        }
        return ingest.open(stream, source);
    }

    /**
     * Whether a new publisher of {@code stream} must be refused as a second one: someone publishes,
     * or its inputs feed it and rank above {@code publish://} (the backup never keeps one out).
     */
    public boolean hasPublisher(String stream) {
        return ingest.hasStandingBy(stream)
                || (pulled.feeding(stream) ? pulled.keepsPublishersOut(stream) : ingest.hasPublisher(stream));
    }

    /**
     * Admits a publisher whose connection another module owns (HTTP MPEG-TS), by the rules every
     * protocol shares; see {@link org.openstreamer.connector.api.MediaEngine#openPublisher}.
     */
    public Publishing openPublisher(String stream, String protocol, String peer, Map<String, String> params) {
        if (!"http".equals(protocol)) {
            return Publishing.refused(400, "unsupported_protocol", "no publisher protocol " + protocol + " through this call");
        }
        StreamTable.Resolved r = table.resolve(stream);
        PublishAdmission.Refusal refusal = PublishAdmission.check(stream, r == null ? null : r.config(),
                hasPublisher(stream), params == null ? null : params.get("password"));
        if (refusal == null) {
            // The reference calls HTTP MPEG-TS publishing "mpegts"; this request thread may wait for the answer.
            OnPublishRequest ask = authorization.request(stream, "mpegts", peer, params);
            refusal = ask == null ? null : authorization.await(ask);
            if (refusal != null) {
                events.accept(MediaEvent.of(MediaEventType.CONNECTION_REJECTED, null, Map.of("protocol", "http",
                        "peer", peer, "code", refusal.status(), "reason", refusal.reason())));
            }
        }
        if (refusal != null) {
            return Publishing.refused(refusal.status(), refusal.error(), refusal.reason());
        }
        HttpTsPublisher publisher = new HttpTsPublisher(peer, 0);
        if (!publisher.attach(s -> openSession(stream, s))) { // lost a race with another publisher, or the stream went
            return hasPublisher(stream)
                    ? Publishing.refused(409, "already_publishing", "stream " + stream + " already has a publisher")
                    : Publishing.refused(404, "stream_not_found", "unknown stream " + stream);
        }
        return Publishing.accepted(publisher);
    }

    /** Starts SRT ingest and playback; false if libsrt is not available on this machine. */
    public boolean startSrt(SrtServer.Threads threads, Executor background) {
        boolean started = srt.start(threads, background);
        if (started) {
            srt.apply(table.configured().values(), settings);
        }
        return started;
    }

    /** Starts the engine's own threads: the DVR writer, live housekeeping, pushes and pulled sources. */
    public void startDvr(SrtServer.Threads threads) {
        this.threads = threads;
        threads.start("dvr-writer", recorder::run);
        threads.start("live-housekeeping", this::housekeeping);
        threads.start("pushes", pushes::run);
        threads.start("thumbnails", thumbnailer::run);
        startPulled(table);
    }

    /** What the recorder says of {@code name}. */
    public DvrStatus dvrStatus(String name) {
        return recorder.status(name, dvrOf(name));
    }

    /** See {@link org.openstreamer.connector.api.MediaEngine#segments}. */
    public long segments(String name) {
        HlsSegmenter s = segmenters.get(name);
        return s == null ? 0 : s.segmentsClosed();
    }

    /** See {@link org.openstreamer.connector.api.MediaEngine#srtConnections}. */
    public List<SrtConnectionStats> srtConnections() {
        return srt.connectionStats();
    }

    private DvrSettings dvrOf(String name) {
        StreamTable.Resolved r = table.resolve(name);
        return r == null || r.config().disabled() ? null : r.config().dvr();
    }

    public boolean srtAvailable() {
        return srt.isRunning();
    }
    private volatile ServerSettings settings = ServerSettings.NONE;

    public void ffmpegLoaded(FfmpegStatus status) {
        this.ffmpeg = status;
    }

    public FfmpegStatus ffmpeg() {
        return ffmpeg;
    }

    public void stop() {
        running = false;
        recorder.stop();
        pushes.stop();
        thumbnailer.stop();
        pulled.stopAll();
        srt.stop();
        rtmpStarted = false;
        rtmp.stop();
        live.forEach(this::drop);
    }

    public boolean isRunning() {
        return running;
    }

    public EngineInfo info() {
        FfmpegStatus f = ffmpeg;
        return new EngineInfo(VERSION, startedAt, running, f.state() == FfmpegStatus.State.LOADED,
                f.version(), f.srtProtocol(), f.state() == FfmpegStatus.State.LOADING ? "loading" : f.error(),
                srt.isRunning(), segmentDelays.stats(), srt.rangeInfo());
    }

    public List<PipelineInfo> pipelines() {
        List<PipelineInfo> out = new ArrayList<>();
        live.forEach((name, l) -> out.add(l.pipelineInfo(sources.get(name))));
        return out;
    }


    /**
     * Starts the stream's live pipeline afresh: the publisher is dropped, the hub closed (its
     * viewers' live connections end, its segments go) and removed, so the next publisher gets a
     * new one. False when the stream is not configured.
     */
    public boolean restart(String name) {
        if (table.resolve(name) == null) {
            return false;
        }
        ingest.disconnect(name, "stream restarted");
        LiveStream old = live.get(name);
        if (old != null) {
            drop(name, old);
        }
        return true;
    }

    /**
     * Makes {@code url} the stream's active input when its inputs run (it takes over as soon as it
     * brings data), and records it; false when the stream is not configured.
     */
    public boolean switchSource(String name, String url) {
        if (table.resolve(name) == null) {
            return false;
        }
        if (!pulled.switchTo(name, url)) {
            sources.put(name, url);
        }
        return true;
    }

    /** See {@link org.openstreamer.connector.api.MediaEngine#demand}. */
    public boolean demand(String name) {
        return pulled.demand(name);
    }

    public void applyStreams(Collection<StreamConfig> configs) {
        applyStreams(configs, List.of(), List.of());
    }

    /**
     * Replaces the configuration at once: live streams whose name no longer resolves (or is
     * disabled) are closed, the others take their new segment settings from the next segment.
     */
    public void applyStreams(Collection<StreamConfig> configs, Collection<PublishLocationConfig> locations,
                             Collection<StreamTemplateConfig> templates) {
        StreamTable next = new StreamTable(configs, locations, templates);
        table = next;
        sources.keySet().retainAll(next.configured().keySet());
        Instant now = Instant.now();
        staticSince.keySet().removeIf(name -> {
            StreamConfig c = next.configured().get(name);
            return c == null || !c.isStatic() || c.disabled();
        });
        next.configured().values().forEach(c -> {
            if (c.isStatic() && !c.disabled()) {
                staticSince.putIfAbsent(c.name(), now);
            }
        });
        srt.apply(next.configured().values(), settings);
        rtmp.closeGone();
        ingest.disconnectIf(s -> "http".equals(s.source().protocol()) && !publishable(next.resolve(s.stream())),
                "stream removed or no longer publishable"); // SRT applies the same rule to its own
        checkInputs(next);
        startPulled(next);
        live.forEach((name, stream) -> {
            StreamTable.Resolved r = next.resolve(name);
            if (r == null || r.config().disabled()) {
                drop(name, stream);
            } else {
                HlsSegmenter segmenter = segmenters.get(name);
                if (segmenter != null && segmenter.hub() == stream) {
                    segmenter.reconfigure(r.config().segmentDuration(), r.config().segmentCount());
                    applyThumbnails(name, segmenter, r.config().thumbnails());
                }
            }
        });
        applyPushes(next);
    }

    /**
     * Gives each configured stream, and each live one made from a prefix, its pushes; only those
     * that changed restart. Pushes of names that no longer resolve stop.
     */
    private void applyPushes(StreamTable t) {
        Set<String> names = new HashSet<>(t.configured().keySet());
        t.configured().values().forEach(c -> pushes.apply(c.name(), c.pushes(), c.disabled()));
        for (String name : live.keySet()) {
            StreamTable.Resolved r = names.contains(name) ? null : t.resolve(name);
            if (r != null) {
                names.add(name);
                pushes.apply(name, r.config().pushes(), r.config().disabled());
            }
        }
        pushes.retain(names);
    }

    /** Each push of {@code name} and what became of it. */
    public List<PushInfo> pushes(String name) {
        return pushes.infos(name);
    }

    private static boolean publishable(StreamTable.Resolved r) {
        return r != null && !r.config().disabled() && r.config().publishEnabled();
    }

    /** Starts, stops and restarts the pullers of static streams (timeshift, UDP, HTTP and TCP MPEG-TS). */
    private void startPulled(StreamTable t) {
        pulled.apply(t.configured(), threads);
    }

    /** The live hub of a stream, created on first use (a publisher connecting); null if the name resolves to nothing. */
    public LiveStream liveStream(String name) {
        StreamTable.Resolved r = table.resolve(name);
        if (r == null || r.config().disabled()) {
            return null;
        }
        StreamConfig c = r.config();
        return live.computeIfAbsent(name, n -> {
            LiveStream stream = new LiveStream(n);
            stream.whenPublisherStops(() -> publisherLeft(n, stream));
            HlsSegmenter segmenter = new HlsSegmenter(stream, c.segmentDuration(), c.segmentCount(), segmentDelays);
            HlsOutput output = new HlsOutput(stream, () -> settings.urlPrefix(), drm);
            segmenter.addListener(output);
            segmenter.addListener((segment, window) -> {
                if (!pulled.backupPlaying(n)) { // the backup file is shown, never recorded
                    recorder.offer(n, dvrOf(n), segment);
                }
            });
            stream.addConsumer(segmenter);
            segmenters.put(n, segmenter);
            hls.put(n, output);
            applyThumbnails(n, segmenter, c.thumbnails());
            if (r.dynamic()) {
                pushes.apply(n, c.pushes(), false); // a configured stream has its pushes already
            }
            return stream;
        });
    }

    /**
     * Once a second: a stream whose publisher left is ended for its viewers after
     * {@link #endGraceMillis}, and its hub (segments, playlists) dropped once its last segment
     * would have left the playlist, so playback URLs answer 404 as for any stream that is not live.
     */
    private void housekeeping() {
        while (running) {
            try {
                Thread.sleep(1000);
                long now = System.currentTimeMillis();
                pulled.expireIdle(name -> {
                    LiveStream l = live.get(name);
                    return l == null ? 0 : l.readerCount();
                });
                live.forEach((name, stream) -> {
                    StreamTable.Resolved r = table.resolve(name);
                    int segment = r == null ? 4 : r.config().segmentDuration();
                    long grace = endGraceMillis(segment);
                    long gone = stream.endIfGone(now, grace);
                    if (r != null && gone > grace + 1000L * segment * r.config().segmentCount() && !stream.isPublishing()) {
                        drop(name, stream);
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                java.util.logging.Logger.getLogger(Engine.class.getName()).warning("live housekeeping: " + e);
            }
        }
    }

    /** How long viewers wait for a publisher that left to come back: 10 s, or two segments if longer. */
    static long endGraceMillis(int segmentDuration) {
        return Math.max(10_000L, 2000L * segmentDuration);
    }

    /** Removes the stream's hub and its outputs (if {@code stream} is still the one under that name) and closes it. */
    private void drop(String name, LiveStream stream) {
        if (live.remove(name, stream)) {
            hls.computeIfPresent(name, (n, output) -> output.hub() == stream ? null : output);
            segmenters.computeIfPresent(name, (n, segmenter) -> segmenter.hub() == stream ? null : segmenter);
            thumbnails.computeIfPresent(name, (n, t) -> t.hub() == stream ? null : t);
            if (!table.configured().containsKey(name)) {
                pushes.remove(name); // a stream made from a prefix pushes while it exists
            }
            stream.close();
        }
    }

    /**
     * Starts or stops the thumbnails of a live stream: a stream without the option has no listener
     * on its segmenter at all.
     */
    private void applyThumbnails(String name, HlsSegmenter segmenter, boolean wanted) {
        StreamThumbnails current = thumbnails.get(name);
        boolean has = current != null && current.hub() == segmenter.hub();
        if (wanted && !has) {
            StreamThumbnails t = new StreamThumbnails(name, segmenter.hub(), thumbnailer);
            thumbnails.put(name, t);
            segmenter.addListener(t);
        } else if (!wanted && has) {
            thumbnails.remove(name, current);
            segmenter.removeListener(current);
            current.closed();
        }
    }

    /** The latest thumbnail of a live stream, or null (see {@link org.openstreamer.connector.api.MediaEngine#thumbnail}). */
    public Thumbnail thumbnail(String name) {
        StreamThumbnails t = thumbnails.get(name);
        StreamThumbnails.Thumbnail latest = t == null ? null : t.latest();
        return latest == null ? null : new Thumbnail(latest.jpeg(), latest.millis());
    }

    /** The live HTTP output: ready bodies from the streams' HLS outputs, for any thread. */
    public LivePlayback livePlayback() {
        return (stream, resource) -> {
            pulled.touch(stream);
            HlsOutput output = hls.get(stream);
            return output == null ? null : output.get(resource);
        };
    }

    /**
     * A stream made from a publish location or template goes with its publisher, unless it
     * records or has meanwhile been configured under its own name.
     */
    private void publisherLeft(String name, LiveStream stream) {
        StreamTable.Resolved r = table.resolve(name);
        if (r == null || (r.dynamic() && !r.keepsAfterPublisher())) {
            drop(name, stream);
        }
    }

    /** See {@link org.openstreamer.connector.api.MediaEngine#pipeline}. */
    public PipelineInfo pipeline(String name) {
        LiveStream l = live.get(name);
        Instant since = staticSince.get(name);
        String active = pulled.activeUrl(name);
        String source = active != null ? active : sources.get(name);
        if (since == null && pulled.isRunning(name)) {
            since = startedOnDemand.computeIfAbsent(name, n -> Instant.now());
        } else if (!pulled.isRunning(name)) {
            startedOnDemand.remove(name);
        }
        PipelineInfo p = l != null ? l.pipelineInfo(source)
                : since == null ? null : new PipelineInfo(name, "waiting", since, 0, 0, 0, -1, null, 0, 0, 0, source, 0, null, null, false);
        if (p != null && pulled.isRunning(name)) {
            p = p.withInputs(active, pulled.states(name), pulled.backupPlaying(name));
        }
        String problem = unsupported.get(name);
        StreamConfig c = table.configured().get(name);
        if (p != null && problem == null) {
            String pullError = pulled.lastError(name);
            // a static stream keeps retrying its source: it waits, and says why it has nothing yet
            return pullError == null ? p : p.withProblem("source: " + pullError, true);
        }
        return p == null || problem == null ? p : p.withProblem(problem, c != null && c.publishEnabled());
    }

    /**
     * Notes (and logs once) each enabled stream whose input the engine cannot run: it pulls
     * {@code timeshift://} and the schemes of {@link PullUrl} itself; publishers come in by SRT,
     * RTMP or HTTP.
     */
    private void checkInputs(StreamTable t) {
        unsupported.keySet().retainAll(t.configured().keySet());
        for (StreamConfig c : t.configured().values()) {
            String url = c.disabled() ? null : c.failoverOrder().stream().filter(i -> !i.isPublish())
                    .map(org.openstreamer.connector.api.InputConfig::url).findFirst().orElse(null);
            String why = url == null || TimeshiftSource.parse(url) != null ? null
                    : PullUrl.handles(url) ? badPullUrl(url)
                    : "input scheme " + url.substring(0, Math.max(0, url.indexOf("://"))).toLowerCase(java.util.Locale.ROOT)
                    + " is not supported yet (" + url + ")";
            if (why == null) {
                unsupported.remove(c.name());
            } else if (!why.equals(unsupported.put(c.name(), why))) {
                java.util.logging.Logger.getLogger(Engine.class.getName()).warning("Stream " + c.name() + ": " + why
                        + (c.publishEnabled() ? "; publishers may still feed it" : "; it waits with status error"));
            }
        }
    }

    /** Why a pulled input's URL cannot be used, or null if it can. */
    private static String badPullUrl(String url) {
        try {
            PullUrl.parse(url);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The tracks of a live stream, or null when it is not live. */
    public MediaInfo mediaInfo(String name) {
        LiveStream l = live.get(name);
        return l == null || l.tracks().isEmpty() ? null : l.mediaInfo();
    }

    /** A reader of the live MPEG-TS from the latest keyframe, or null when the stream is not live. */
    public LiveTsReader openLiveTs(String name) {
        LiveStream l = live.get(name);
        return l == null ? null : l.openReader();
    }

    /** A media playlist of archive segments, by the writer of the live playlists. */
    public String hlsPlaylist(PlaylistType type, List<PlaylistSegment> segments, int targetSeconds) {
        return HlsPlaylistWriter.media(type, segments, targetSeconds, 0);
    }

    /** A stream's pushes again, after its DRM protection started or ended (they are refused while it lasts). */
    private void reapplyPushes(String name) {
        StreamTable.Resolved r = table.resolve(name);
        if (r != null) {
            pushes.apply(name, r.config().pushes(), r.config().disabled());
        }
    }

    /** The protected streams and their keys. */
    public DrmTable drm() {
        return drm;
    }

    /**
     * Why a stream may not be played by an output that cannot carry its encryption (SRT, RTMP,
     * MPEG-TS), logged; null when it may.
     */
    public String clearPlayRefusal(String stream, String protocol, String peer) {
        if (!drm.refusesClear(stream)) {
            return null;
        }
        String why = !drm.isLoaded() ? "the server is starting: which streams are DRM-protected is not known yet"
                : "stream " + stream + " is DRM-protected: " + protocol + " play cannot carry the encryption (drm allow_clear=true allows it)";
        java.util.logging.Logger.getLogger(Engine.class.getName()).info(why + "; refused " + peer);
        return why;
    }

    /** The DVR archive on disk, its one owner. */
    public Archive archive() {
        return archive;
    }

    /** The live hub if the stream has had a publisher, else null. */
    public LiveStream existingLiveStream(String name) {
        return live.get(name);
    }

    public void applySettings(ServerSettings settings) {
        this.settings = settings == null ? ServerSettings.NONE : settings;
        srt.apply(table.configured().values(), this.settings);
        if (rtmpStarted) {
            rtmp.listen(rtmpPort(this.settings));
        }
    }

    public Map<String, StreamConfig> streams() {
        return table.configured();
    }

    public ServerSettings settings() {
        return settings;
    }

    private static String readVersion() {
        try (InputStream in = Engine.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
