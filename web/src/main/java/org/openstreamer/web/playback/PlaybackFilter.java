package org.openstreamer.web.playback;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.servlet.AsyncContext;
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
import org.openstreamer.connector.api.Publishing;
import org.openstreamer.connector.api.ReadyBody;
import org.openstreamer.ejb.dvr.DvrService;
import org.openstreamer.web.dvr.ArchivePath;
import org.openstreamer.web.dvr.ArchivePlayback;
import org.openstreamer.web.util.ApiError;
import org.openstreamer.web.util.Json;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;

/**
 * Live playback over HTTP: {@code /NAME/index.m3u8} (and {@code mono}, {@code video}, {@code videoN},
 * {@code tracks-IDS/index.m3u8}), the segments they list, {@code /NAME/mpegts} and {@code /NAME/media_info.json}.
 * Playlists and segments in memory are normally answered before any servlet by {@link LivePlaybackHandler};
 * what reaches this filter is the rest: a segment memory no longer holds comes from the archive, a stream that is
 * not live gets a 404, and the archive's own URLs go to {@link ArchivePlayback}. {@code PUT} and {@code POST} of
 * {@code /NAME/mpegts} publish to the stream ({@link TsPublishRequest}). Every other request passes through.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class PlaybackFilter extends HttpFilter {

    @Resource(lookup = MediaEngineFactory.JNDI_NAME)
    private MediaEngineFactory engines;

    @Resource
    private ManagedExecutorService executor;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    @EJB
    private DvrService dvr;

    private ArchivePlayback archive;

    @Override
    public void init() throws ServletException {
        archive = new ArchivePlayback(dvr, engines, scheduler);
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        PlaybackPath path = PlaybackPath.parse(req.getRequestURI());
        boolean readOnly = "GET".equals(req.getMethod()) || "HEAD".equals(req.getMethod());
        if (path == null) {
            ArchivePath archived = ArchivePath.parse(req.getRequestURI());
            if (archived == null || !(readOnly || "POST".equals(req.getMethod()))) {
                chain.doFilter(req, resp);
                return;
            }
            resp.setHeader("Access-Control-Allow-Origin", "*");
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
                        hls(body, path, req, resp);
                    }
                }
                case MEDIA_INFO -> mediaInfo(engine.mediaInfo(path.stream()), path, resp);
                case MPEGTS -> {
                    LiveTsReader reader = engine.openLiveTs(path.stream());
                    if (reader == null && engine.demand(path.stream())) {
                        startingTs = true;
                    } else {
                        mpegts(reader, path, req, resp);
                    }
                }
            }
        } catch (jakarta.resource.ResourceException e) {
            error(resp, 503, ApiError.of("engine_unavailable", "The media engine is not available."));
            return;
        }
        if (starting != null) {
            LivePlayback live = starting;
            hls(OnDemandWait.await(() -> live.hls(path.stream(), path.resource())), path, req, resp);
        } else if (startingTs) {
            mpegts(OnDemandWait.await(() -> openLiveTs(path.stream())), path, req, resp);
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
    private void hls(ReadyBody body, PlaybackPath path, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
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

    private void mpegts(LiveTsReader reader, PlaybackPath path, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
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
        new LiveTsPump(reader, async, executor).start();
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
