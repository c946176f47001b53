package org.openstreamer.web.playback;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openstreamer.connector.api.LivePlayback;
import org.openstreamer.connector.api.LiveTsReader;
import org.openstreamer.connector.api.MediaEngine;
import org.openstreamer.connector.api.MediaEngineFactory;
import org.openstreamer.connector.api.MediaInfo;
import org.openstreamer.connector.api.PlayAuthorizer;
import org.openstreamer.connector.api.Publishing;
import org.openstreamer.connector.api.ReadyBody;
import org.openstreamer.ejb.drm.DrmKeyService;
import org.openstreamer.ejb.dvr.DvrService;
import org.openstreamer.ejb.events.PlaySessionStore;
import org.openstreamer.ejb.service.ServerConfigService;
import org.openstreamer.ejb.service.StreamLookup;
import org.openstreamer.web.playback.auth.Decision;
import org.openstreamer.web.playback.auth.PlayBackend;
import org.openstreamer.web.playback.auth.PlaySession;
import org.openstreamer.web.playback.auth.PlaybackGate;
import org.openstreamer.web.playback.auth.SessionTable;
import org.openstreamer.web.dvr.ArchivePath;
import org.openstreamer.web.dvr.ArchivePlayback;
import org.openstreamer.web.util.ApiError;
import org.openstreamer.web.util.Json;

import jakarta.resource.ResourceException;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Live playback over HTTP: {@code /NAME/index.m3u8} (and {@code mono}, {@code video}, {@code videoN},
 * {@code tracks-IDS/index.m3u8}), the segments they list, {@code /NAME/mpegts}, {@code /NAME/media_info.json} and
 * {@code /NAME/preview.jpg} ({@link PreviewJpeg}).
 * Playlists and segments in memory are normally answered before any servlet by {@link LivePlaybackHandler};
 * what reaches this filter is the rest: a segment memory no longer holds comes from the archive, a stream that is
 * not live gets a 404, and the archive's own URLs go to {@link ArchivePlayback}. {@code PUT} and {@code POST} of
 * {@code /NAME/mpegts} publish to the stream ({@link TsPublishRequest}). Every other request passes through.
 * Viewers of a stream with a playback policy are let in (or not) by {@link PlaybackCheck} first, live and archive alike.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true, dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ASYNC})
public class PlaybackFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(PlaybackFilter.class.getName());
    /** Backend questions out at once, all streams together; one more is answered as if the backend were down. */
    private static final int MAX_BACKEND_CALLS = 256;
    /** How often the sessions that opened and closed are written to PostgreSQL. */
    private static final long HISTORY_SECONDS = 2;

    @Resource(lookup = MediaEngineFactory.JNDI_NAME)
    private MediaEngineFactory engines;

    @Resource
    private ManagedExecutorService executor;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    @Resource
    private ManagedThreadFactory threadFactory;

    @EJB
    private DvrService dvr;

    @EJB
    private StreamLookup lookup;

    @EJB
    private ServerConfigService serverConfig;

    @EJB
    private PlaySessionStore sessionStore;

    @EJB
    private DrmKeyService drmKeys;

    private ArchivePlayback archive;
    private PlaybackGate gate;
    private PlaybackCheck check;
    /**
     * The session sweep and the history flush. Not the managed scheduler: WildFly refuses its tasks
     * (logging an error each time) from the moment a shutdown suspends the server, and these must
     * run until {@link #destroy()}.
     */
    private ScheduledExecutorService timers;
    private SessionHistory history;

    @Override
    public void init() throws ServletException {
        archive = new ArchivePlayback(dvr, engines, scheduler);
        history = new SessionHistory(sessionStore);
        gate = new PlaybackGate(new SessionTable(PlaybackGate.IDLE_SECONDS, history::opened, history::closed),
                new PlayBackend(executor, MAX_BACKEND_CALLS));
        check = new PlaybackCheck(gate, lookup, serverConfig, stream -> drmKeys.settings(stream).isPresent());
        PlaybackGate.install(gate);
        installPlayerCheck(new EnginePlayerCheck(gate, check::load, executor));
        timers = Executors.newSingleThreadScheduledExecutor(threadFactory);
        timers.scheduleWithFixedDelay(gate::sweep, 1, 1, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(history::flush, HISTORY_SECONDS, HISTORY_SECONDS, TimeUnit.SECONDS);
    }

    /** SRT and RTMP players, which the engine serves, pass the same gate (OPEN again when undeployed). */
    private void installPlayerCheck(PlayAuthorizer check) {
        try (MediaEngine engine = engines.getEngine()) {
            engine.playAuthorizer(check);
        } catch (ResourceException | RuntimeException e) {
            LOG.severe("SRT and RTMP players cannot be checked (on_play, max_sessions): " + e);
        }
    }

    @Override
    public void destroy() {
        installPlayerCheck(PlayAuthorizer.OPEN);
        PlaybackGate.install(null);
        if (timers != null) {
            timers.shutdown(); // a flush under way finishes (not interrupted mid-write), then the last one
            try {
                timers.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            history.flush();
        }
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        if (req.getDispatcherType() == DispatcherType.ASYNC && req.getAttribute(PlaybackCheck.DECISION) == null) {
            chain.doFilter(req, resp); // not a request this filter suspended
            return;
        }
        PlaybackPath path = PlaybackPath.parse(req.getRequestURI());
        boolean readOnly = "GET".equals(req.getMethod()) || "HEAD".equals(req.getMethod());
        if (path == null) {
            ArchivePath archived = ArchivePath.parse(req.getRequestURI());
            if (archived == null || !(readOnly || "POST".equals(req.getMethod()))) {
                chain.doFilter(req, resp);
                return;
            }
            resp.setHeader("Access-Control-Allow-Origin", "*");
            if (archived.kind() != ArchivePath.Kind.RECORDING_STATUS && archived.kind() != ArchivePath.Kind.SAVE_MP4) {
                Decision d = check.admit(archived.stream(), MediaRequests.of(archived), req, resp);
                if (d == null) {
                    return;
                }
                if (d.session() != null) {
                    d.session().seen(System.nanoTime(), 0);
                }
            }
            archive.serve(archived, req, resp);
            return;
        }
        if (!readOnly) {
            if (path.kind() == PlaybackPath.Kind.MPEGTS && ("PUT".equals(req.getMethod()) || "POST".equals(req.getMethod()))) {
                publish(path, req, resp);
            } else {
                chain.doFilter(req, resp);
            }
            return;
        }
        resp.setHeader("Access-Control-Allow-Origin", "*");
        PlaySession session = null;
        if (path.kind() != PlaybackPath.Kind.MEDIA_INFO) {
            Decision d = check.admit(path.stream(), MediaRequests.of(path), req, resp);
            if (d == null) {
                return;
            }
            session = d.session();
        }
        LivePlayback starting = null;
        boolean startingTs = false;
        try (MediaEngine engine = engines.getEngine()) {
            switch (path.kind()) {
                case PLAYLIST, SEGMENT -> {
                    LivePlayback live = engine.livePlayback();
                    ReadyBody body = live.hls(path.stream(), path.resource());
                    if (body == null && path.kind() == PlaybackPath.Kind.PLAYLIST && engine.demand(path.stream())) {
                        starting = live; // an on-demand stream starts: wait for it without holding the handle
                    } else {
                        hls(body, session, path, req, resp);
                    }
                }
                case MEDIA_INFO -> mediaInfo(engine.mediaInfo(path.stream()), path, resp);
                case MPEGTS -> {
                    if (DrmOutputs.refusesClear(engine, path.stream(), "MPEG-TS over HTTP", req.getRemoteAddr(), resp)) {
                        return;
                    }
                    LiveTsReader reader = engine.openLiveTs(path.stream());
                    if (reader == null && engine.demand(path.stream())) {
                        startingTs = true;
                    } else {
                        mpegts(reader, session, path, req, resp);
                    }
                }
                case PREVIEW -> PreviewJpeg.send(engine.thumbnail(path.stream()), path.stream(), req, resp);
            }
        } catch (jakarta.resource.ResourceException e) {
            error(resp, 503, ApiError.of("engine_unavailable", "The media engine is not available."));
            return;
        }
        if (starting != null) {
            LivePlayback live = starting;
            hls(OnDemandWait.await(() -> live.hls(path.stream(), path.resource())), session, path, req, resp);
        } else if (startingTs) {
            mpegts(OnDemandWait.await(() -> openLiveTs(path.stream())), session, path, req, resp);
        }
    }

    /** A live reader through a handle of its own, or null when the stream is not live (yet) or the engine is away. */
    private LiveTsReader openLiveTs(String stream) {
        try (MediaEngine engine = engines.getEngine()) {
            return engine.openLiveTs(stream);
        } catch (jakarta.resource.ResourceException e) {
            return null;
        }
    }

    /** HTTP MPEG-TS publishing; the engine handle is held only while the publisher is admitted, not while it feeds. */
    private void publish(PlaybackPath path, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Publishing admitted;
        try (MediaEngine engine = engines.getEngine()) {
            admitted = engine.openPublisher(path.stream(), "http", req.getRemoteAddr() + ":" + req.getRemotePort(),
                    TsPublishRequest.queryArgs(req.getQueryString()));
        } catch (jakarta.resource.ResourceException e) {
            error(resp, 503, ApiError.of("engine_unavailable", "The media engine is not available."));
            TsPublishRequest.abandonBody(req, resp);
            return;
        }
        TsPublishRequest.serve(admitted, req, resp);
    }

    /**
     * An HLS playlist or segment that {@link LivePlaybackHandler} left to the servlets: normally
     * one that is not in memory (a segment may still be in the archive).
     */
    private void hls(ReadyBody body, PlaySession session, PlaybackPath path, HttpServletRequest req,
                     HttpServletResponse resp) throws IOException {
        if (body != null && session != null) {
            if (path.kind() == PlaybackPath.Kind.PLAYLIST) {
                body = gate.tokenized(session, body);
            }
            session.seen(System.nanoTime(), "HEAD".equals(req.getMethod()) ? 0 : body.length());
        }
        if (body != null) {
            resp.setContentType(body.contentType());
            resp.setHeader("Cache-Control", body.cacheControl());
            resp.setHeader("ETag", body.etag());
            resp.setContentLengthLong(body.length());
            if (!"HEAD".equals(req.getMethod())) {
                WritableByteChannel out = Channels.newChannel(resp.getOutputStream());
                body.writeTo(b -> {
                    while (b.hasRemaining()) {
                        out.write(b);
                    }
                });
            }
        } else if (path.kind() == PlaybackPath.Kind.PLAYLIST) {
            notLive(path, resp);
        } else if (!archive.segment(path.stream(), path.resource(), req, resp)) {
            error(resp, 404, ApiError.of("segment_not_found", "No segment " + path.resource() + " in stream " + path.stream()));
        }
    }

    private static void mediaInfo(MediaInfo info, PlaybackPath path, HttpServletResponse resp) throws IOException {
        if (info == null) {
            notLive(path, resp);
            return;
        }
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-cache");
        Json.JSONB.toJson(info, resp.getWriter());
    }

    private void mpegts(LiveTsReader reader, PlaySession session, PlaybackPath path, HttpServletRequest req,
                        HttpServletResponse resp) throws IOException {
        if (reader == null) {
            notLive(path, resp);
            return;
        }
        resp.setContentType("video/mp2t");
        resp.setHeader("Cache-Control", "no-cache");
        if ("HEAD".equals(req.getMethod())) {
            reader.close();
            return;
        }
        AsyncContext async = req.startAsync();
        async.setTimeout(0); // a live stream has no end of its own
        LiveTsPump pump = new LiveTsPump(reader, async, executor);
        if (session != null) {
            pump.session(session, () -> gate.sessions().close(session, "disconnected", 0, System.nanoTime()));
        }
        pump.start();
    }

    private static void notLive(PlaybackPath path, HttpServletResponse resp) throws IOException {
        error(resp, 404, ApiError.of("stream_not_found", "Stream " + path.stream() + " is not live here."));
    }

    private static void error(HttpServletResponse resp, int status, ApiError error) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        Json.JSONB.toJson(error, resp.getWriter());
    }
}
