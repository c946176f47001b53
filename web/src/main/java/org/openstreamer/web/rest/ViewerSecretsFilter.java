package org.openstreamer.web.rest;

import jakarta.json.JsonValue;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import org.openstreamer.ejb.json.Secrets;

/**
 * Viewers read the configuration (streams, publish locations, templates, server settings) without
 * its secrets: SRT passphrases, publish passwords and the cluster key are for admins only, as in
 * the export.
 */
@Provider
public class ViewerSecretsFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof JsonValue json && !request.getSecurityContext().isUserInRole("admin")) {
            response.setEntity(Secrets.strip(json), response.getEntityAnnotations(), response.getMediaType());
        }
    }
}
