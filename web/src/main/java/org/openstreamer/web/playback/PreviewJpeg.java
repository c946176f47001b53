package org.openstreamer.web.playback;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openstreamer.connector.api.Thumbnail;
import org.openstreamer.web.util.ApiError;
import org.openstreamer.web.util.Json;

import java.io.IOException;

/**
 * {@code /NAME/preview.jpg}: the latest thumbnail of a stream with the {@code thumbnails} option.
 * A new one comes with each segment, so caches keep it no longer than a second; without one (the
 * option is off, the stream is not live, or the first segment is not closed yet) a 404 says so.
 */
public final class PreviewJpeg {

    private PreviewJpeg() {
    }

    public static void send(Thumbnail thumbnail, String stream, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        if (thumbnail == null) {
            resp.setStatus(404);
            resp.setContentType("application/json");
            resp.setCharacterEncoding("UTF-8");
            Json.JSONB.toJson(ApiError.of("thumbnail_not_found", "Stream " + stream + " has no thumbnail: it is not live,"
                    + " its 'thumbnails' option is off, or its first segment is not complete yet."), resp.getWriter());
            return;
        }
        resp.setContentType("image/jpeg");
        resp.setHeader("Cache-Control", "max-age=1");
        resp.setDateHeader("Last-Modified", thumbnail.millis());
        resp.setContentLength(thumbnail.jpeg().length);
        if (!"HEAD".equals(req.getMethod())) {
            resp.getOutputStream().write(thumbnail.jpeg());
        }
    }
}
