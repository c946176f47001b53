package org.openstreamer.web.rest;

import jakarta.ejb.EJB;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.openstreamer.ejb.config.text.TextConfigException;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.service.HealthService;
import org.openstreamer.ejb.util.OutageLog;
import org.openstreamer.web.util.ApiError;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every failure into a JSON {@link ApiError}. A refused configuration change is a 400 or 409
 * with its code and field; two writes that collided in PostgreSQL (deadlock, serialization, a
 * duplicate key) a 409 {@code concurrent_update}. A failure while the database is unreachable is
 * a 503 with Retry-After (the client may simply retry), not a 500: the cause is checked with a
 * quick probe rather than guessed from the exception type.
 */
@Provider
public class ApiExceptionMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class.getName());
    static final int RETRY_AFTER_SECONDS = 5;
    /** One line when requests start failing for want of the database, one when they work again ({@link DatabaseBackFilter}). */
    static final OutageLog OUTAGE = new OutageLog(LOG, "Answering API requests", "requests answered 503");
    /** serialization_failure, deadlock_detected, unique_violation */
    static final Set<String> CONCURRENT_UPDATE_STATES = Set.of("40001", "40P01", "23505");

    @EJB
    private HealthService health;

    @Override
    public Response toResponse(Exception e) {
        if (e instanceof WebApplicationException wae) {
            Response.StatusType status = wae.getResponse().getStatusInfo();
            String code = status.getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '_');
            return json(status.getStatusCode(), ApiError.of(code, e.getMessage()));
        }
        if (e instanceof TextConfigException te) {
            return json(te.kind().status(), textError(te));
        }
        if (e instanceof ConfigException ce) {
            return json(ce.kind().status(), new ApiError(ce.code(), ce.field(), ce.getMessage()));
        }
        if (concurrentUpdate(e)) {
            LOG.info("API request collided with a concurrent change: " + e);
            return json(409, ApiError.of("concurrent_update",
                    "Another request changed the same data at the same moment; retry."));
        }
        if (!health.databaseUp()) {
            OUTAGE.failed(e, 1);
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

    /** The first problem of a configuration text, with its line and column, and all of them when there are several. */
    static ApiError textError(TextConfigException e) {
        List<ApiError> all = e.problems().size() < 2 ? null : e.problems().stream()
                .map(p -> new ApiError(p.code(), p.field(), p.message(), p.line(), p.column(), null)).toList();
        return new ApiError(e.code(), e.field(), e.getMessage(), e.line(), e.column(), all);
    }

    static boolean concurrentUpdate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && CONCURRENT_UPDATE_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static Response json(int status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }
}
