package org.openstreamer.web.rest;

import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import org.openstreamer.ejb.service.ConfigExportService;

/**
 * {@code GET /streamer/api/v3/config/export}: the whole stored configuration in the reference's
 * text format, which {@code POST /config/import} reads back. Viewers may read it; the secrets
 * (SRT passphrases, publish passwords, the cluster key) are only in an admin's export.
 */
@Path("/config/export")
public class ConfigExportResource {

    static final String TEXT_UTF8 = "text/plain; charset=UTF-8";

    @EJB
    private ConfigExportService exports;

    @GET
    @Produces(TEXT_UTF8)
    public String export(@Context SecurityContext security) {
        return exports.export(security.isUserInRole("admin"));
    }
}
