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
import org.openstreamer.connector.api.LiveTsReader;
import org.openstreamer.connector.api.MediaEngine;
import org.openstreamer.connector.api.MediaEngineFactory;
import org.openstreamer.connector.api.MediaInfo;
import org.openstreamer.connector.api.MediaSegment;
import org.openstreamer.ejb.dvr.DvrService;
import org.openstreamer.web.dvr.ArchivePath;
import org.openstreamer.web.dvr.ArchivePlayback;
import org.openstreamer.web.rest.ApiError;
import org.openstreamer.web.util.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Live playback over HTTP: {@code /NAME/index.m3u8} (and {@code mono}, {@code video}, {@code videoN},
 * {@code tracks-IDS/index.m3u8}), the segments they list, {@code /NAME/mpegts} and {@code /NAME/media_info.json}. Bytes come
 * straight from the engine's shared buffers; a segment memory no longer holds comes from the archive, and the
 * archive's own URLs go to {@link ArchivePlayback}. Every other request passes through untouched.
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
            chain.doFilter(req, resp);
            return;
        }
        resp.setHeader("Access-Control-Allow-Origin", "*");
        try (MediaEngine engine = engines.getEngine()) {
            switch (path.kind()) {
                case PLAYLIST -> playlist(engine.hlsPlaylist(path.stream(), path.resource()), path, resp);
                case SEGMENT -> segment(engine.hlsSegment(path.stream(), path.resource()), path, req, resp);
                case MEDIA_INFO -> mediaInfo(engine.mediaInfo(path.stream()), path, resp);
                case MPEGTS -> mpegts(engine.openLiveTs(path.stream()), path, req, resp);
            }
        } catch (jakarta.resource.ResourceException e) {
            error(resp, 503, ApiError.of("engine_unavailable", "The media engine is not available."));
        }
    }

    private static void playlist(String text, PlaybackPath path, HttpServletResponse resp) throws IOException {
        if (text == null) {
            notLive(path, resp);
            return;
        }
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        resp.setContentType("application/vnd.apple.mpegurl");
        resp.setHeader("Cache-Control", "no-cache");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    private void segment(MediaSegment segment, PlaybackPath path, HttpServletRequest req,
                         HttpServletResponse resp) throws IOException {
        if (segment == null && archive.segment(path.stream(), path.resource(), req, resp)) {
            return; // no longer in memory, but in the archive
        }
        if (segment == null) {
            error(resp, 404, ApiError.of("segment_not_found", "No segment " + path.resource() + " in stream " + path.stream()));
            return;
        }
        resp.setContentType(segment.contentType());
        resp.setHeader("Cache-Control", "max-age=60");
        resp.setContentLengthLong(segment.size());
        if (!"HEAD".equals(req.getMethod())) {
            var out = resp.getOutputStream();
            segment.writeTo(out::write);
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
