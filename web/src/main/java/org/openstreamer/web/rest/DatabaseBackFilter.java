package org.openstreamer.web.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Ends the API's database outage in the log ({@link ApiExceptionMapper#OUTAGE}) at the first
 * request answered 2xx or 3xx after it: one volatile read per request otherwise.
 */
@Provider
public class DatabaseBackFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (ApiExceptionMapper.OUTAGE.down() && response.getStatus() < 400) {
            ApiExceptionMapper.OUTAGE.succeeded();
        }
    }
}
