package org.openstreamer.web.view;

import jakarta.annotation.Resource;
import jakarta.resource.ResourceException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openstreamer.connector.api.MediaEngine;
import org.openstreamer.connector.api.MediaEngineFactory;
import org.openstreamer.web.playback.PreviewJpeg;

import java.io.IOException;

/**
 * {@code GET /admin/thumbnail?name=NAME}: a stream's latest thumbnail for the console's streams table.
 * It sits behind the console's sign-in (web.xml, /admin/*) rather than the playback authorization of
 * {@code /NAME/preview.jpg}, so a table page of protected streams costs no on_play backend call
 * and opens no viewer session.
 */
@WebServlet("/admin/thumbnail")
public class ThumbnailServlet extends HttpServlet {

    @Resource(lookup = MediaEngineFactory.JNDI_NAME)
    private MediaEngineFactory engines;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String name = req.getParameter("name");
        if (name == null || name.isEmpty()) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "name is required");
            return;
        }
        try (MediaEngine engine = engines.getEngine()) {
            PreviewJpeg.send(engine.thumbnail(name), name, req, resp);
        } catch (ResourceException e) {
            resp.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "media engine unavailable");
        }
    }
}
