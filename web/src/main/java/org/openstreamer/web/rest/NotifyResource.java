package org.openstreamer.web.rest;

import jakarta.ejb.EJB;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openstreamer.ejb.json.JsonBody;
import org.openstreamer.ejb.json.NotifySinkJson;
import org.openstreamer.ejb.model.NotifySink;
import org.openstreamer.ejb.notify.Notifier;
import org.openstreamer.ejb.service.NotifySinkService;

import static org.openstreamer.ejb.util.Jsonp.JSON;

/**
 * {@code /streamer/api/v3/notify}: event sinks ({@code notify NAME} in the reference's
 * configuration). List, read (with delivery figures), create or replace, delete.
 */
@Path("/notify")
@Tag(name = "config")
@Produces(MediaType.APPLICATION_JSON)
public class NotifyResource {

    @EJB
    private NotifySinkService sinks;

    @EJB
    private Notifier notifier;

    @GET
    @Operation(summary = "Every event sink, with its delivery figures")
    public JsonObject list() {
        JsonArrayBuilder items = JSON.createArrayBuilder();
        sinks.list().forEach(s -> items.add(withStats(s)));
        return JSON.createObjectBuilder().add("notify", items).build();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One event sink, with its delivery figures")
    public JsonObject get(@PathParam("name") String name) {
        return withStats(sinks.find(name).orElseThrow(() -> notFound(name)));
    }

    @PUT
    @Path("{name}")
    @Operation(summary = "Create or replace an event sink (HTTP receiver or log file)")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("name") String name, String body, @Context UriInfo uri) {
        NotifySink s = NotifySinkJson.read(JsonBody.object(body), name);
        JsonObject written = NotifySinkJson.write(s);
        return sinks.put(s) ? Response.created(uri.getAbsolutePath()).entity(written).build()
                : Response.ok(written).build();
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Delete an event sink; what it still had queued is dropped")
    public Response delete(@PathParam("name") String name) {
        if (!sinks.delete(name)) {
            throw notFound(name);
        }
        return Response.noContent().build();
    }

    /** The definition, and how delivery goes since it was last (re)configured. */
    private JsonObject withStats(NotifySink s) {
        JsonObjectBuilder b = JSON.createObjectBuilder(NotifySinkJson.write(s));
        notifier.stats(s.name()).ifPresent(st -> {
            JsonObjectBuilder stats = JSON.createObjectBuilder().add("queued", st.queued())
                    .add("dropped", st.dropped()).add("sent", st.sent()).add("failed_attempts", st.failedAttempts());
            if (st.lastError() != null) {
                stats.add("last_error", st.lastError());
            }
            b.add("stats", stats);
        });
        return b.build();
    }

    private static NotFoundException notFound(String name) {
        return new NotFoundException("No notify sink named '" + name + "'.");
    }
}
