package org.openstreamer.web.metrics;

import jakarta.annotation.Resource;
import jakarta.resource.ResourceException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openstreamer.connector.api.MediaEngine;
import org.openstreamer.connector.api.MediaEngineFactory;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code GET /metrics}: Prometheus text format, protected like the API (web.xml). Each scrape reads
 * the engine once through one handle and writes streams, SRT connections, server and JVM figures;
 * nothing is kept between scrapes.
 */
@WebServlet("/metrics")
public class MetricsServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(MetricsServlet.class.getName());

    @Resource(lookup = MediaEngineFactory.JNDI_NAME)
    private MediaEngineFactory engines;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        EngineSnapshot engine;
        try (MediaEngine e = engines.getEngine()) {
            engine = EngineSnapshot.read(e);
        } catch (ResourceException | RuntimeException e) {
            LOG.log(Level.WARNING, "metrics: the media engine cannot be reached", e);
            resp.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "media engine unavailable");
            return;
        }
        StringBuilder body = new StringBuilder(16 * 1024);
        write(new PrometheusText(body), engine);
        resp.setContentType(PrometheusText.CONTENT_TYPE);
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().append(body);
    }

    /** The whole exposition, in a fixed order of families. */
    static void write(PrometheusText text, EngineSnapshot engine) {
        StreamMetrics.write(text, engine.streams());
        SrtMetrics.write(text, engine.srt());
        ServerMetrics.write(text, engine);
        JvmMetrics.write(text);
    }
}
