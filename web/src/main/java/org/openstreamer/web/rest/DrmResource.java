package org.openstreamer.web.rest;

import jakarta.ejb.EJB;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openstreamer.connector.api.DrmSettings;
import org.openstreamer.ejb.drm.DrmKeyService;
import org.openstreamer.ejb.drm.KeyInfo;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.json.DrmSettingsJson;

import java.io.StringReader;

import static org.openstreamer.ejb.util.Jsonp.JSON;

/**
 * DRM of a stream (docs/drm.md): its settings ({@code GET/PUT/DELETE /drm/NAME}), its keys for
 * admins ({@code GET /drm/NAME/keys}: ids and periods, never the key bytes) and a rotation now
 * ({@code POST /drm/NAME/rotate}).
 */
@Path("/drm")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "drm", description = "Encrypted HLS: settings, keys, rotation")
public class DrmResource {


    @EJB
    private DrmKeyService drm;

    @GET
    @Path("{name: .+}/keys")
    @Operation(summary = "The stream's keys (admins): ids and periods, never the bytes")
    @APIResponse(responseCode = "403", description = "Only admins list keys")
    public JsonObject keys(@PathParam("name") String name, @Context SecurityContext security) {
        if (!security.isUserInRole("admin")) {
            throw new ForbiddenException("Only an admin may list a stream's keys.");
        }
        JsonArrayBuilder keys = JSON.createArrayBuilder();
        for (KeyInfo k : drm.keys(name)) {
            JsonObjectBuilder b = JSON.createObjectBuilder().add("id", k.id()).add("from_ms", k.startMillis());
            if (k.untilMillis() >= 0) {
                b.add("to_ms", k.untilMillis());
            }
            if (k.keyUrl() != null) {
                b.add("key_url", k.keyUrl());
            }
            keys.add(b);
        }
        return JSON.createObjectBuilder().add("name", name).add("keys", keys).build();
    }

    @POST
    @Path("{name: .+}/rotate")
    @Operation(summary = "A new key from now on")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public JsonObject rotate(@PathParam("name") String name) {
        KeyInfo k = drm.rotate(name);
        return JSON.createObjectBuilder().add("name", name).add("id", k.id()).add("from_ms", k.startMillis()).build();
    }

    @GET
    @Path("{name: .+}")
    @Operation(summary = "The stream's DRM settings; 404 when it is not protected")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public JsonObject get(@PathParam("name") String name) {
        return json(name, drm.settings(name).orElseThrow(() -> new NotFoundException("Stream " + name + " is not DRM-protected.")));
    }

    @PUT
    @Path("{name: .+}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Protect the stream: {\"method\":\"aes128\" or \"sample_aes\", \"keyserver\":URL, \"key_rotation\":600, \"allow_clear\":false}")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public JsonObject put(@PathParam("name") String name, String body) {
        DrmSettings s = parse(body);
        drm.protect(name, s);
        return json(name, s);
    }

    @DELETE
    @Path("{name: .+}")
    @Operation(summary = "End the stream's protection (its keys stay while its archive may use them)")
    public Response delete(@PathParam("name") String name) {
        return drm.unprotect(name) ? Response.noContent().build() : Response.status(404).build();
    }

    static JsonObject json(String name, DrmSettings s) {
        return JSON.createObjectBuilder().add("name", name).addAll(DrmSettingsJson.write(s)).build();
    }

    /** The settings of a PUT body; every field is optional but {@code method}: aes128 or sample_aes. */
    static DrmSettings parse(String body) {
        JsonObject o;
        try {
            o = JSON.createReader(new StringReader(body == null || body.isBlank() ? "{}" : body)).readObject();
        } catch (JsonException | IllegalStateException e) {
            throw ConfigException.invalid(ConfigException.INVALID_JSON, null, "The body is not a JSON object.");
        }
        return DrmSettingsJson.read(o);
    }
}
