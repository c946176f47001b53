package org.openstreamer.web.util;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Map;

/**
 * The error page for what never reaches JAX-RS (401, 429 and 503 from the login check, 403, unknown paths):
 * the same JSON error body the API uses, so clients parse one shape.
 */
@WebServlet("/error")
public class JsonErrorServlet extends HttpServlet {

    private static final Map<Integer, ApiError> ERRORS = Map.of(
            401, ApiError.of("unauthorized", "Authentication required: use HTTP Basic credentials."),
            403, ApiError.of("forbidden", "Your account's role does not allow this request."),
            404, ApiError.of("not_found", "Nothing is served at this address."),
            405, ApiError.of("method_not_allowed", "This address does not accept that method."),
            429, ApiError.of("too_many_attempts",
                    "Too many wrong passwords from your address: try again after Retry-After seconds."),
            503, ApiError.of("database_unavailable",
                    "The accounts cannot be read right now: try again after Retry-After seconds."),
            500, ApiError.of("internal_error", "The server failed to handle the request; see its log."));

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Object code = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 404;
        ApiError error = ERRORS.getOrDefault(status, ApiError.of("error_" + status, "Request failed."));
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        Json.JSONB.toJson(error, resp.getWriter());
    }
}
