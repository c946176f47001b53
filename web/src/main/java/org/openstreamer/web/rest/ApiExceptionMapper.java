package org.openstreamer.web.rest;

import jakarta.ejb.EJB;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.openstreamer.ejb.service.HealthService;

import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every failure into a JSON {@link ApiError}. A failure while the database is unreachable is
 * a 503 with Retry-After (the client may simply retry), not a 500: the cause is checked with a
 * quick probe rather than guessed from the exception type.
 */
@Provider
public class ApiExceptionMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class.getName());
    static final int RETRY_AFTER_SECONDS = 5;

    @EJB
    private HealthService health;

    @Override
    public Response toResponse(Exception e) {
        if (e instanceof WebApplicationException wae) {
            Response.StatusType status = wae.getResponse().getStatusInfo();
            String code = status.getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '_');
            return json(status.getStatusCode(), ApiError.of(code, e.getMessage()));
        }
        if (!health.databaseUp()) {
            LOG.warning("API request failed while the database is unavailable: " + e);
            return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .header("Retry-After", RETRY_AFTER_SECONDS)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ApiError.of("database_unavailable",
                            "The database is unavailable; the request can be retried shortly."))
                    .build();
        }
        LOG.log(Level.SEVERE, "API request failed", e);
        return json(500, ApiError.of("internal_error", "The server failed to handle the request; see its log."));
    }

    private static Response json(int status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }
}
