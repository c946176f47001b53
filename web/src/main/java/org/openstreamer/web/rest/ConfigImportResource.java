package org.openstreamer.web.rest;

import jakarta.ejb.EJB;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.openstreamer.ejb.config.text.ImportReportJson;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.service.ConfigImportService;

/**
 * {@code POST /streamer/api/v3/config/import}: a configuration text in the reference's format
 * ({@code text/plain}), applied in one transaction, or with {@code dry_run=true} only checked and
 * reported. {@code replace=true} also deletes the streams the text does not describe. Admin only
 * (every method but GET and HEAD is).
 */
@Path("/config/import")
public class ConfigImportResource {

    @EJB
    private ConfigImportService imports;

    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject importText(String body, @QueryParam("dry_run") String dryRun, @QueryParam("replace") String replace) {
        if (body == null || body.isBlank()) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, null,
                    "The body is empty: send the text of a configuration (Content-Type: text/plain).");
        }
        return ImportReportJson.write(imports.importText(body, flag(dryRun, "dry_run"), flag(replace, "replace")));
    }

    private static boolean flag(String value, String name) {
        if (value == null || value.isEmpty() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ConfigException.invalid(ConfigException.INVALID_VALUE, name, name + " is true or false.");
    }
}
