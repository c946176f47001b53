package org.openstreamer.web.rest;

import jakarta.ejb.EJB;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonMergePatch;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.openstreamer.ejb.json.JsonBody;
import org.openstreamer.ejb.json.PublishLocationJson;
import org.openstreamer.ejb.model.PublishLocationDefinition;
import org.openstreamer.ejb.service.PublishLocationService;

import static org.openstreamer.ejb.util.Jsonp.JSON;

/**
 * {@code /streamer/api/v3/live}: publish locations ({@code live PREFIX} in the reference's
 * configuration). List, read, create or replace, merge-patch and delete; a prefix may contain '/'.
 */
@Path("/live")
@Produces(MediaType.APPLICATION_JSON)
public class PublishLocationResource {

    @EJB
    private PublishLocationService locations;

    @GET
    public JsonObject list() {
        JsonArrayBuilder items = JSON.createArrayBuilder();
        locations.list().forEach(l -> items.add(PublishLocationJson.write(l)));
        return JSON.createObjectBuilder().add("live", items).build();
    }

    @GET
    @Path("{prefix: .+}")
    public JsonObject get(@PathParam("prefix") String prefix) {
        return PublishLocationJson.write(locations.find(prefix).orElseThrow(() -> notFound(prefix)));
    }

    @PUT
    @Path("{prefix: .+}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("prefix") String prefix, String body, @Context UriInfo uri) {
        PublishLocationDefinition l = PublishLocationJson.read(JsonBody.object(body), prefix);
        JsonObject written = PublishLocationJson.write(l);
        return locations.put(l) ? Response.created(uri.getAbsolutePath()).entity(written).build()
                : Response.ok(written).build();
    }

    @PATCH
    @Path("{prefix: .+}")
    @Consumes({MediaType.APPLICATION_JSON, StreamResource.MERGE_PATCH_JSON})
    public JsonObject patch(@PathParam("prefix") String prefix, String body) {
        JsonMergePatch patch = JSON.createMergePatch(JsonBody.object(body));
        return PublishLocationJson.write(locations.patch(prefix, current -> PublishLocationJson.read(
                        patch.apply(PublishLocationJson.write(current)).asJsonObject(), prefix))
                .orElseThrow(() -> notFound(prefix)));
    }

    @DELETE
    @Path("{prefix: .+}")
    public Response delete(@PathParam("prefix") String prefix) {
        if (!locations.delete(prefix)) {
            throw notFound(prefix);
        }
        return Response.noContent().build();
    }

    private static NotFoundException notFound(String prefix) {
        return new NotFoundException("No publish location with prefix '" + prefix + "'.");
    }
}
