package org.openstreamer.web.dvr;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openstreamer.connector.api.Archive;
import org.openstreamer.connector.api.ArchiveSegmentRecord;
import org.openstreamer.connector.api.Drm;
import org.openstreamer.connector.api.DvrPaths;
import org.openstreamer.connector.api.HeldFile;
import org.openstreamer.connector.api.MediaEngine;
import org.openstreamer.connector.api.MediaEngineFactory;
import org.openstreamer.connector.api.PlaylistType;
import org.openstreamer.ejb.dvr.ArchiveSegment;
import org.openstreamer.ejb.dvr.DvrIndex;
import org.openstreamer.ejb.dvr.DvrService;
import org.openstreamer.ejb.model.DvrConfig;
import org.openstreamer.web.playback.auth.PlaybackGate;
import org.openstreamer.web.playback.auth.PlaylistTokens;
import org.openstreamer.web.util.ApiError;
import org.openstreamer.web.util.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.util.List;
import java.util.Set;

/**
 * Serves the archive: playlists of ranges, rewind and timeshift, MPEG-TS and MP4 downloads,
 * real-time MPEG-TS from an instant, recording status, and archive segments a live playlist
 * named but memory no longer holds. The index answers which segments; their bytes come from
 * the files, never through the database, read (and exported) by the archive's owner in the
 * connector ({@link Archive}).
 */
public final class ArchivePlayback {

    /** The longest range a playlist or download covers. */
    static final long MAX_RANGE_MS = 7L * 86_400_000;
    /** The longest MP4 export: it is written out before it is sent. */
    static final long MAX_MP4_MS = 86_400_000;
    /** Segments in a live-like (timeshift) playlist. */
    static final int WINDOW = 5;
    /** The target duration an archive playlist without segments announces. */
    private static final int TARGET = 4;

    private final DvrService dvr;
    private final MediaEngineFactory engines;
    private final ManagedScheduledExecutorService scheduler;
    private final TimeshiftSessions sessions = new TimeshiftSessions();

    public ArchivePlayback(DvrService dvr, MediaEngineFactory engines, ManagedScheduledExecutorService scheduler) {
        this.dvr = dvr;
        this.engines = engines;
        this.scheduler = scheduler;
    }

    public void serve(ArchivePath p, HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
        boolean post = "POST".equals(req.getMethod());
        if (post != (p.kind() == ArchivePath.Kind.SAVE_MP4)) {
            resp.setHeader("Allow", p.kind() == ArchivePath.Kind.SAVE_MP4 ? "POST" : "GET, HEAD");
            error(resp, 405, "method_not_allowed", "Use " + (post ? "GET" : "POST") + " for " + req.getRequestURI());
            return;
        }
        if (!dvr.exists(p.stream())) {
            unknownStream(p.stream(), resp);
            return;
        }
        if (drmUnknown(resp)) {
            return;
        }
        if (isExport(p.kind()) && drm(p.stream()) != null) {
            // a download or a real-time MPEG-TS would carry a protected stream in the clear
            error(resp, 403, "drm_protected", "Stream " + p.stream() + " is DRM-protected: its archive is played only"
                    + " through HLS playlists (index-FROM-DUR.m3u8, timeshift), not downloaded.");
            return;
        }
        long now = System.currentTimeMillis();
        boolean ignoreGaps = "true".equals(req.getParameter("ignore_gaps"));
        switch (p.kind()) {
            case RANGE_PLAYLIST -> rangePlaylist(p, now, req, resp);
            case REWIND_PLAYLIST -> playlist(p.stream(), req, resp, dvr.listed(p.stream(), now - p.seconds() * 1000, now), PlaylistType.LIVE);
            case TIMESHIFT_REL_PLAYLIST -> timeshift(p.stream(), now - p.seconds() * 1000, ignoreGaps, null, req, resp);
            case TIMESHIFT_ABS_PLAYLIST -> {
                TimeshiftSessions.Session s = sessions.get(req.getRemoteAddr(), p.stream(), p.from(),
                        String.valueOf(req.getParameter("token")), now);
                timeshift(p.stream(), s.position(p.fromMillis(), now), ignoreGaps, s, req, resp);
            }
            case RANGE_TS -> rangeTs(p, now, req, resp);
            case RANGE_MP4 -> rangeMp4(p, req, resp);
            case RANGE_DASH -> error(resp, 501, "not_implemented",
                    "DASH is not packaged by this server yet: use " + p.stream() + "/index-" + p.from() + "-"
                            + (p.seconds() < 0 ? "now" : p.seconds()) + ".m3u8 (HLS).");
            case TIMESHIFT_ABS_TS -> liveTs(p.stream(), p.fromMillis(), req, resp);
            case TIMESHIFT_REL_TS -> liveTs(p.stream(), now - p.seconds() * 1000, req, resp);
            case RECORDING_STATUS -> recordingStatus(p.stream(), now, req, resp);
            case SAVE_MP4 -> saveMp4(p, req, resp);
        }
    }

    private static boolean isExport(ArchivePath.Kind kind) {
        return switch (kind) {
            case RANGE_TS, RANGE_MP4, SAVE_MP4, TIMESHIFT_ABS_TS, TIMESHIFT_REL_TS -> true;
            default -> false;
        };
    }

    /**
     * True after answering 503 when the engine does not know yet which streams are protected (just
     * after a start, until the keys are loaded) or cannot be reached: an archive is never served in
     * the clear on a guess.
     */
    private boolean drmUnknown(HttpServletResponse resp) throws IOException {
        boolean known;
        try (MediaEngine engine = engines.getEngine()) {
            known = engine.drm().isLoaded();
        } catch (jakarta.resource.ResourceException | IllegalStateException e) {
            error(resp, 503, "engine_unavailable", "The media engine is not available.");
            return true;
        } catch (UnsupportedOperationException e) {
            known = true; // an engine without DRM protects nothing
        }
        if (!known) {
            resp.setHeader("Retry-After", "2");
            error(resp, 503, "drm_loading", "The server is loading which streams are DRM-protected; try again in a moment.");
        }
        return !known;
    }

    /** The engine's DRM when the stream is protected, else null (also when the engine cannot be reached). */
    private Drm drm(String stream) {
        try (MediaEngine engine = engines.getEngine()) {
            Drm drm = engine.drm();
            return drm.settings(stream) != null ? drm : null;
        } catch (jakarta.resource.ResourceException | UnsupportedOperationException e) {
            return null;
        }
    }

    /**
     * An archive segment a playlist named ({@code 2026/12/05/10/00/04-04000.ts}); false when there is
     * none. The segment of a name that is no stream (any more) is a 404 {@code stream_not_found}.
     */
    public boolean segment(String stream, String name, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        DvrPaths.SegmentName n = DvrPaths.parse(name);
        if (n == null) {
            return false;
        }
        if (!dvr.exists(stream)) {
            unknownStream(stream, resp);
            return true;
        }
        if (drmUnknown(resp)) {
            return true;
        }
        ArchiveSegment s = dvr.byName(stream, n.startMillis(), n.durationMillis(), n.exact());
        Archive archive = s == null ? null : archive(resp);
        HeldFile file = archive == null ? null : archive.open(s.record());
        if (file == null) {
            return s != null && archive == null; // answered 503, or no such segment
        }
        try {
            Drm drm = drm(stream);
            if (drm != null) {
                sendEncrypted(drm, stream, s, file, req, resp);
                return true;
            }
            resp.setContentType("video/mp2t");
            resp.setHeader("Cache-Control", "max-age=86400");
            resp.setHeader("Access-Control-Allow-Origin", "*");
            resp.setContentLengthLong(file.size());
            if (!"HEAD".equals(req.getMethod())) {
                ArchiveBytes.send(file, resp.getOutputStream());
            }
        } finally {
            file.release();
        }
        return true;
    }

    /** A protected stream's archive segment, encrypted with the key of its period (the files stay clear). */
    private static void sendEncrypted(Drm drm, String stream, ArchiveSegment s, HeldFile file, HttpServletRequest req,
                                      HttpServletResponse resp) throws IOException {
        java.nio.ByteBuffer sealed = drm.encrypt(stream, s.startMillis(), file);
        if (sealed == null) {
            error(resp, 503, "drm_key_missing", "Stream " + stream + " has no key for this segment yet.");
            return;
        }
        resp.setContentType("video/mp2t");
        resp.setHeader("Cache-Control", "max-age=86400");
        resp.setHeader("Access-Control-Allow-Origin", "*");
        resp.setContentLengthLong(sealed.remaining());
        if (!"HEAD".equals(req.getMethod())) {
            resp.getOutputStream().write(sealed.array(), sealed.arrayOffset() + sealed.position(), sealed.remaining());
        }
    }

    private void rangePlaylist(ArchivePath p, long now, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long to = p.toMillis(now);
        if (!validRange(p, to, MAX_RANGE_MS, resp)) {
            return;
        }
        List<ArchiveSegment> segments = dvr.listed(p.stream(), p.fromMillis(), to);
        if (segments.isEmpty() && p.seconds() >= 0) {
            noArchive(p.stream(), resp);
            return;
        }
        playlist(p.stream(), req, resp, segments, p.seconds() < 0 ? PlaylistType.EVENT : PlaylistType.VOD);
    }

    /**
     * A live-like window of the archive ending at {@code position}. Inside a recording gap the
     * playlist is empty, as the reference answers; with {@code ignore_gaps} an absolute session
     * jumps over the gap and a relative one holds on the segments before it until the gap has passed.
     */
    private void timeshift(String stream, long position, boolean ignoreGaps, TimeshiftSessions.Session session,
                           HttpServletRequest req, HttpServletResponse resp) throws IOException {
        List<ArchiveSegment> window = dvr.before(stream, position, WINDOW);
        ArchiveSegment last = window.isEmpty() ? null : window.get(window.size() - 1);
        long edge = last == null ? Long.MIN_VALUE : last.endMillis() + last.durationMillis() + DvrIndex.GAP_TOLERANCE_MS;
        if (last == null || edge < position) { // nothing before, or the position is in a gap
            List<ArchiveSegment> next = dvr.after(stream, position, WINDOW);
            if (session != null && (ignoreGaps || last == null) && !next.isEmpty()) {
                session.skippedMillis += next.get(0).startMillis() - position;
                window = next.subList(0, 1);
            } else if (!ignoreGaps || last == null) {
                window = List.of();
            }
        }
        if (window.isEmpty() && last == null && dvr.total(stream) == null) {
            noArchive(stream, resp);
            return;
        }
        playlist(stream, req, resp, window, PlaylistType.LIVE);
    }

    /**
     * Written by the engine's playlist writer, the one the live playlists come from; with the viewer's
     * session token in every URL when playback is authorized.
     */
    private void playlist(String stream, HttpServletRequest req, HttpServletResponse resp, List<ArchiveSegment> segments,
                          PlaylistType type) throws IOException {
        String text;
        try (MediaEngine engine = engines.getEngine()) {
            Drm drm = drm(stream);
            text = drm != null // a protected stream: each segment under the key of its period
                    ? drm.hlsPlaylist(stream, type, PlaylistEntries.of(segments), segments.isEmpty() ? TARGET : 1)
                    : engine.hlsPlaylist(type, PlaylistEntries.of(segments), segments.isEmpty() ? TARGET : 1);
        } catch (jakarta.resource.ResourceException e) {
            error(resp, 503, "engine_unavailable", "The media engine is not available.");
            return;
        }
        if (req.getAttribute(PlaybackGate.TOKEN_ATTRIBUTE) instanceof String token) {
            text = PlaylistTokens.rewrite(text, token);
        }
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        resp.setContentType("application/vnd.apple.mpegurl");
        resp.setHeader("Cache-Control", type == PlaylistType.VOD ? "max-age=60" : "no-cache");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    private void rangeTs(ArchivePath p, long now, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long to = p.toMillis(now);
        if (!validRange(p, to, MAX_RANGE_MS, resp)) {
            return;
        }
        List<ArchiveSegment> segments = dvr.segments(p.stream(), p.fromMillis(), to);
        if (segments.isEmpty()) {
            noArchive(p.stream(), resp);
            return;
        }
        Archive archive = archive(resp);
        if (archive == null) {
            return;
        }
        resp.setContentType("video/mp2t");
        resp.setHeader("Content-Disposition", "attachment; filename=\"" + fileName(p, "ts") + "\"");
        if ("HEAD".equals(req.getMethod())) {
            return;
        }
        OutputStream out = resp.getOutputStream();
        for (ArchiveSegment s : segments) {
            ArchiveBytes.copy(archive, s, out); // one retention took meanwhile is left out
        }
    }

    private void rangeMp4(ArchivePath p, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long to = p.toMillis(0);
        if (!validRange(p, to, MAX_MP4_MS, resp)) {
            return;
        }
        List<ArchiveSegment> segments = dvr.segments(p.stream(), p.fromMillis(), to);
        if (segments.isEmpty()) {
            noArchive(p.stream(), resp);
            return;
        }
        Archive archive = archive(resp);
        if (archive == null) {
            return;
        }
        HeldFile mp4; // written whole before it is sent: moov goes first
        try {
            mp4 = archive.exportMp4(segments.stream().map(ArchiveSegment::record).toList(), p.fromMillis(), to,
                    "true".equals(req.getParameter("precise")));
        } catch (IOException e) {
            error(resp, 422, "export_failed", "The archive could not be exported: " + e.getMessage());
            return;
        }
        try {
            resp.setContentType("video/mp4");
            resp.setHeader("Content-Disposition", "inline; filename=\"" + fileName(p, "mp4") + "\"");
            resp.setContentLengthLong(mp4.size());
            if (!"HEAD".equals(req.getMethod())) {
                ArchiveBytes.send(mp4, resp.getOutputStream());
            }
        } finally {
            mp4.release();
        }
    }

    /**
     * {@code POST /NAME/save-mp4-FROM-DUR?file=F}: the export written on the server. A relative
     * name goes into the stream's DVR folder; an absolute path only for admins. An existing file is
     * never overwritten.
     */
    private void saveMp4(ArchivePath p, HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
        if (!signedIn(req)) {
            resp.setHeader("WWW-Authenticate", "Basic realm=\"OpenStreamer\"");
            error(resp, 401, "unauthorized", "Saving an export needs a login (HTTP Basic).");
            return;
        }
        if (!req.isUserInRole("admin") && !req.isUserInRole("viewer")) {
            error(resp, 403, "forbidden", "Saving an export needs the viewer or admin role.");
            return;
        }
        String file = req.getParameter("file");
        DvrConfig config = dvr.config(p.stream()).orElse(null);
        if (file == null || file.isBlank() || file.length() > 1024) {
            error(resp, 400, "missing_value", "Name the file: ?file=recording1.mp4 (relative to the stream's DVR folder).");
            return;
        }
        boolean absolute = file.startsWith("/");
        if (absolute && !req.isUserInRole("admin")) {
            error(resp, 403, "forbidden", "Only an admin may save to an absolute path; give a name relative to the DVR folder.");
            return;
        }
        if (!absolute && (config == null || !config.root().startsWith("/"))) {
            error(resp, 409, "no_dvr", "Stream " + p.stream() + " has no DVR folder to save into.");
            return;
        }
        Archive archive = archive(resp);
        if (archive == null) {
            return;
        }
        String target = archive.exportPath(absolute ? null : config.root(), p.stream(), file);
        if (target == null) {
            error(resp, 400, "invalid_value", "The file name must stay inside the stream's DVR folder.");
            return;
        }
        if (!target.endsWith(".mp4")) {
            error(resp, 400, "invalid_value", "The file name ends in .mp4.");
            return;
        }
        long to = p.toMillis(0);
        if (!validRange(p, to, MAX_MP4_MS, resp)) {
            return;
        }
        Long bytes = export(p, to, "true".equals(req.getParameter("precise")), target, resp);
        if (bytes != null) {
            resp.setContentType("application/json");
            resp.getWriter().write("{\"file\":" + jakarta.json.Json.createValue(target) + ",\"bytes\":" + bytes + "}");
        }
    }

    /** Whether the request carries valid HTTP Basic credentials (playback URLs have no login of their own). */
    private static boolean signedIn(HttpServletRequest req) {
        if (req.getUserPrincipal() != null) {
            return true;
        }
        String header = req.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String pair = new String(java.util.Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            if (colon < 0) {
                return false;
            }
            req.login(pair.substring(0, colon), pair.substring(colon + 1));
            return true;
        } catch (ServletException | IllegalArgumentException wrongCredentials) {
            return false;
        }
    }

    /** Exports {@code [FROM, to)} to a new file {@code out}: the bytes written, or null after answering an error. */
    private Long export(ArchivePath p, long to, boolean precise, String out, HttpServletResponse resp) throws IOException {
        List<ArchiveSegment> segments = dvr.segments(p.stream(), p.fromMillis(), to);
        if (segments.isEmpty()) {
            noArchive(p.stream(), resp);
            return null;
        }
        List<ArchiveSegmentRecord> files = segments.stream().map(ArchiveSegment::record).toList();
        Archive archive = archive(resp);
        if (archive == null) {
            return null;
        }
        try {
            return archive.exportMp4(files, p.fromMillis(), to, precise, out, true).bytes();
        } catch (FileAlreadyExistsException e) {
            error(resp, 409, "file_exists", out + " exists; choose another name.");
        } catch (IOException e) {
            error(resp, 422, "export_failed", "The archive could not be exported: " + e.getMessage());
        }
        return null;
    }

    /** The archive's owner, or null after answering 503 when the engine cannot be reached. */
    private Archive archive(HttpServletResponse resp) throws IOException {
        try (MediaEngine engine = engines.getEngine()) {
            return engine.archive();
        } catch (jakarta.resource.ResourceException | IllegalStateException e) {
            error(resp, 503, "engine_unavailable", "The media engine is not available.");
            return null;
        }
    }

    private void liveTs(String stream, long fromMillis, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (dvr.total(stream) == null) {
            noArchive(stream, resp);
            return;
        }
        resp.setContentType("video/mp2t");
        resp.setHeader("Cache-Control", "no-cache");
        if ("HEAD".equals(req.getMethod())) {
            return;
        }
        Archive archive = archive(resp);
        if (archive == null) {
            return;
        }
        AsyncContext async = req.startAsync();
        async.setTimeout(0);
        new ArchiveTsPump(async, scheduler, dvr, archive, stream, fromMillis).start();
    }

    private void recordingStatus(String stream, long now, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-cache");
        resp.setHeader("Access-Control-Allow-Origin", "*");
        String fromParam = req.getParameter("from");
        if (fromParam == null) {
            resp.getWriter().write(RecordingStatus.total(stream, dvr.total(stream)).toString());
            return;
        }
        long from;
        long to;
        try {
            from = Long.parseLong(fromParam) * 1000;
            String toParam = req.getParameter("to");
            to = toParam == null || toParam.equals("now") ? now : Long.parseLong(toParam) * 1000;
        } catch (NumberFormatException e) {
            error(resp, 400, "invalid_value", "from and to are Unix times in seconds (to may be 'now').");
            return;
        }
        if (to <= from) {
            error(resp, 400, "invalid_value", "to must be after from.");
            return;
        }
        String request = req.getParameter("request");
        Set<String> asked = request == null ? Set.of("ranges") : Set.of(request.split(","));
        resp.getWriter().write(RecordingStatus.window(stream, from, to, asked, dvr.ranges(stream, from, to),
                asked.contains("locks") ? dvr.locks(stream, from, to) : List.of()).toString());
    }

    private static boolean validRange(ArchivePath p, long to, long max, HttpServletResponse resp) throws IOException {
        long length = to - p.fromMillis();
        if (p.from() <= 0 || length <= 0 || length > max) {
            error(resp, 400, "invalid_range", "The range must start at a Unix time in seconds and last 1 s to "
                    + max / 3_600_000 + " hours.");
            return false;
        }
        return true;
    }

    private static String fileName(ArchivePath p, String extension) {
        return p.stream().replace('/', '_') + "-" + p.from() + "-" + p.seconds() + "." + extension;
    }

    private static void unknownStream(String stream, HttpServletResponse resp) throws IOException {
        error(resp, 404, "stream_not_found", "There is no stream " + stream + " here.");
    }

    private static void noArchive(String stream, HttpServletResponse resp) throws IOException {
        error(resp, 404, "no_archive", "Stream " + stream + " has no archive in that range.");
    }

    private static void error(HttpServletResponse resp, int status, String code, String message) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        Json.JSONB.toJson(ApiError.of(code, message), resp.getWriter());
    }
}
