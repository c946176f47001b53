package org.openstreamer.web.health;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openstreamer.ejb.service.HealthCheck;
import org.openstreamer.ejb.service.HealthService;
import org.openstreamer.web.util.Json;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /health}, open to load balancers and monitoring: 200 with {@code "status":"UP"} when
 * every check passes, 503 with {@code "status":"DOWN"} otherwise (the MicroProfile Health shape).
 */
@WebServlet("/health")
public class HealthServlet extends HttpServlet {

    public record CheckView(String name, String status, Map<String, Object> data) {
    }

    public record HealthView(String status, List<CheckView> checks) {
    }

    @EJB
    private HealthService health;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        List<HealthCheck> checks = health.checks();
        boolean up = checks.stream().allMatch(HealthCheck::up);
        HealthView view = new HealthView(up ? "UP" : "DOWN",
                checks.stream().map(c -> new CheckView(c.name(), c.status(), c.data())).toList());
        resp.setStatus(up ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        Json.JSONB.toJson(view, resp.getWriter());
    }
}
