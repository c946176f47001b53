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
import org.openstreamer.ejb.json.StreamTemplateJson;
import org.openstreamer.ejb.model.StreamTemplateDefinition;
import org.openstreamer.ejb.service.StreamTemplateService;

import static org.openstreamer.ejb.util.Jsonp.JSON;

/**
 * {@code /streamer/api/v3/templates}: templates (a prefix and the options its streams take). List,
 * read, create or replace, merge-patch and delete.
 */
@Path("/templates")
@Produces(MediaType.APPLICATION_JSON)
public class StreamTemplateResource {

    @EJB
    private StreamTemplateService templates;

    @GET
    public JsonObject list() {
        JsonArrayBuilder items = JSON.createArrayBuilder();
        templates.list().forEach(t -> items.add(StreamTemplateJson.write(t)));
        return JSON.createObjectBuilder().add("templates", items).build();
    }

    @GET
    @Path("{name: .+}")
    public JsonObject get(@PathParam("name") String name) {
        return StreamTemplateJson.write(templates.find(name).orElseThrow(() -> notFound(name)));
    }

    @PUT
    @Path("{name: .+}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("name") String name, String body, @Context UriInfo uri) {
        StreamTemplateDefinition t = StreamTemplateJson.read(JsonBody.object(body), name);
        JsonObject written = StreamTemplateJson.write(t);
        return templates.put(t) ? Response.created(uri.getAbsolutePath()).entity(written).build()
                : Response.ok(written).build();
    }

    @PATCH
    @Path("{name: .+}")
    @Consumes({MediaType.APPLICATION_JSON, StreamResource.MERGE_PATCH_JSON})
    public JsonObject patch(@PathParam("name") String name, String body) {
        JsonMergePatch patch = JSON.createMergePatch(JsonBody.object(body));
        return StreamTemplateJson.write(templates.patch(name, current -> StreamTemplateJson.read(
                        patch.apply(StreamTemplateJson.write(current)).asJsonObject(), name))
                .orElseThrow(() -> notFound(name)));
    }

    @DELETE
    @Path("{name: .+}")
    public Response delete(@PathParam("name") String name) {
        if (!templates.delete(name)) {
            throw notFound(name);
        }
        return Response.noContent().build();
    }

    private static NotFoundException notFound(String name) {
        return new NotFoundException("No template named '" + name + "'.");
    }
}
