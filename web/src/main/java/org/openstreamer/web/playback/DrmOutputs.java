package org.openstreamer.web.playback;

import jakarta.servlet.http.HttpServletResponse;
import org.openstreamer.connector.api.DrmSettings;
import org.openstreamer.connector.api.MediaEngine;
import org.openstreamer.web.util.ApiError;
import org.openstreamer.web.util.Json;

import java.io.IOException;
import java.util.logging.Logger;

/**
 * Outputs that cannot carry a stream's encryption (MPEG-TS over HTTP here; SRT and RTMP play in
 * the engine) refuse a DRM-protected stream unless it sets {@code allow_clear}: otherwise they
 * would hand out in the clear what HLS protects.
 */
final class DrmOutputs {

    private static final Logger LOG = Logger.getLogger(DrmOutputs.class.getName());

    private DrmOutputs() {
    }

    /**
     * True after answering 403 when the stream is protected and this output may not carry it, or
     * 503 while the engine does not know yet which streams are protected.
     */
    static boolean refusesClear(MediaEngine engine, String stream, String output, String peer, HttpServletResponse resp)
            throws IOException {
        DrmSettings drm;
        try {
            if (!engine.drm().isLoaded()) { // just after a start: which streams are protected is not known yet
                resp.setHeader("Retry-After", "2");
                answer(resp, 503, "drm_loading", "The server is loading which streams are DRM-protected; try again in a moment.");
                return true;
            }
            drm = engine.drm().settings(stream);
        } catch (UnsupportedOperationException e) {
            return false;
        }
        if (drm == null || drm.allowClear()) {
            return false;
        }
        String why = "Stream " + stream + " is DRM-protected: " + output + " cannot carry the encryption; play it"
                + " through HLS (/" + stream + "/index.m3u8), or let the stream allow it (drm allow_clear).";
        LOG.info(why + " Refused " + peer + ".");
        answer(resp, 403, "drm_protected", why);
        return true;
    }

    private static void answer(HttpServletResponse resp, int status, String code, String message) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        Json.JSONB.toJson(ApiError.of(code, message), resp.getWriter());
    }
}
