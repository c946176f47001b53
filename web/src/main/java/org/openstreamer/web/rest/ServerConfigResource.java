package org.openstreamer.web.rest;

import org.openstreamer.ejb.json.JsonBody;
import org.openstreamer.ejb.json.ServerConfigJson;
import jakarta.ejb.EJB;
import jakarta.json.JsonMergePatch;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openstreamer.ejb.service.ServerConfigService;
import org.openstreamer.web.rest.openapi.ServerConfigSchema;

import static org.openstreamer.ejb.util.Jsonp.JSON;

/**
 * {@code /streamer/api/v3/config}: the server-wide settings (global SRT ports, SRT listener
 * ranges, config_external). PUT replaces all of them, PATCH merges a change into them.
 */
@Path("/config")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "config")
public class ServerConfigResource {

    @EJB
    private ServerConfigService config;

    @GET
    @Operation(summary = "The server-wide settings as stored")
    @APIResponse(responseCode = "200", description = "The settings",
            content = @Content(schema = @Schema(implementation = ServerConfigSchema.class)))
    public JsonObject get() {
        return ServerConfigJson.write(config.get());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace every server-wide setting: what the body leaves out is cleared")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ServerConfigSchema.class)))
    @APIResponse(responseCode = "200", description = "The settings as stored",
            content = @Content(schema = @Schema(implementation = ServerConfigSchema.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public JsonObject put(String body) {
        return ServerConfigJson.write(config.put(ServerConfigJson.read(JsonBody.object(body))));
    }

    /** JSON merge patch (RFC 7396) of the settings as GET shows them; validated like PUT. */
    @PATCH
    @Consumes({MediaType.APPLICATION_JSON, StreamResource.MERGE_PATCH_JSON})
    @Operation(summary = "Merge-patch the server-wide settings (RFC 7396): keys given replace, null removes, "
            + "arrays are replaced whole; what the body leaves out is kept")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ServerConfigSchema.class)))
    @APIResponse(responseCode = "200", description = "The settings as stored",
            content = @Content(schema = @Schema(implementation = ServerConfigSchema.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public JsonObject patch(String body) {
        JsonMergePatch patch = JSON.createMergePatch(JsonBody.object(body));
        return ServerConfigJson.write(config.patch(
                current -> ServerConfigJson.read(patch.apply(ServerConfigJson.write(current)).asJsonObject())));
    }
}
