package org.openstreamer.web.playback;

import jakarta.annotation.Resource;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openstreamer.connector.api.Drm;
import org.openstreamer.connector.api.DrmKey;
import org.openstreamer.connector.api.MediaEngine;
import org.openstreamer.connector.api.MediaEngineFactory;
import org.openstreamer.connector.api.StreamName;
import org.openstreamer.web.playback.auth.PlaySession;
import org.openstreamer.web.playback.auth.PlaybackGate;
import org.openstreamer.web.util.ApiError;
import org.openstreamer.web.util.Json;

import java.io.IOException;

/**
 * The key server of DRM-protected streams: {@code GET /NAME/key/ID?token=T} answers the 16 raw
 * bytes of the stream's key ID, only to the playback session the token names for this stream and
 * this client address (the session the playlist request opened; the playlist wrote its token into
 * the key URI), with {@code Cache-Control: no-store}. Anything else is a 403, a key the stream
 * does not have a 404.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true) // in front of PlaybackFilter, which starts async requests
public class DrmKeyFilter extends HttpFilter {

    private static final String KEY = "/key/";

    @Resource(lookup = MediaEngineFactory.JNDI_NAME)
    private MediaEngineFactory engines;

    /** {@code {stream, id}} of {@code /NAME/key/ID}, or null. */
    static String[] parse(String uri) {
        int at = uri == null ? -1 : uri.lastIndexOf(KEY);
        if (at <= 1 || uri.length() > 1024) {
            return null;
        }
        String id = uri.substring(at + KEY.length());
        if (id.isEmpty() || id.length() > 18 || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        String stream = uri.substring(1, at);
        return StreamName.isValid(stream) ? new String[] {stream, id} : null;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        String[] p = "GET".equals(req.getMethod()) ? parse(req.getRequestURI()) : null;
        if (p == null) {
            chain.doFilter(req, resp);
            return;
        }
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("Access-Control-Allow-Origin", "*");
        Drm drm;
        try (MediaEngine engine = engines.getEngine()) {
            drm = engine.drm();
        } catch (jakarta.resource.ResourceException e) {
            error(resp, 503, "engine_unavailable", "The media engine is not available.");
            return;
        }
        DrmKey key = drm.settings(p[0]) == null ? null : drm.key(p[0], Long.parseLong(p[1]));
        if (key == null) {
            error(resp, 404, "key_not_found", "Stream " + p[0] + " has no key " + p[1] + ".");
            return;
        }
        PlaybackGate gate = PlaybackGate.current();
        PlaySession session = gate == null ? null : gate.openSession(p[0], req.getRemoteAddr(), req.getParameter("token"));
        if (session == null) {
            error(resp, 403, "forbidden", "A key goes only to a viewer of " + p[0]
                    + " with an open playback session: use the key URL of the playlist, with its token.");
            return;
        }
        session.seen(System.nanoTime(), 16);
        byte[] bytes = key.key();
        resp.setContentType("application/octet-stream");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    private static void error(HttpServletResponse resp, int status, String code, String message) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        Json.JSONB.toJson(ApiError.of(code, message), resp.getWriter());
    }
}
