package org.openstreamer.web.rest;

import org.openstreamer.ejb.json.JsonBody;
import org.openstreamer.ejb.json.StreamJson;
import jakarta.ejb.EJB;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonMergePatch;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.logging.Logger;
import jakarta.annotation.Resource;
import jakarta.resource.ResourceException;
import org.openstreamer.connector.api.MediaEngine;
import org.openstreamer.connector.api.MediaEngineFactory;
import org.openstreamer.connector.api.PipelineInfo;
import org.openstreamer.ejb.model.StreamDefinition;
import org.openstreamer.ejb.service.ConfigException;
import org.openstreamer.ejb.service.FoundStream;
import org.openstreamer.ejb.service.StreamLookup;
import org.openstreamer.ejb.service.StreamNames;
import org.openstreamer.ejb.service.StreamPage;
import org.openstreamer.ejb.service.StreamService;

import static org.openstreamer.ejb.util.Jsonp.JSON;

/**
 * {@code /streamer/api/v3/streams}: list, read, create or replace, merge-patch and delete streams.
 * Names may contain '/', so a stream's own address takes the rest of the path; sub-resources of a
 * stream will sit after a {@code /-/} segment, which no stream name can contain.
 */
@Path("/streams")
@Produces(MediaType.APPLICATION_JSON)
public class StreamResource {

    private static final Logger LOG = Logger.getLogger(StreamResource.class.getName());

    static final String MERGE_PATCH_JSON = "application/merge-patch+json";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    @EJB
    private StreamService streams;

    @EJB
    private StreamLookup lookup;

    @Resource(lookup = MediaEngineFactory.JNDI_NAME)
    private MediaEngineFactory engines;

    @GET
    public JsonObject list(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
                           @QueryParam("name_prefix") String prefix) {
        if (prefix != null && !StreamNames.isPrefix(prefix)) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, "name_prefix",
                    "name_prefix holds only characters of stream names.");
        }
        StreamPage page = streams.list(prefix, StreamCursor.decode(cursor), limit(limit));
        JsonArrayBuilder items = JSON.createArrayBuilder();
        page.streams().forEach(s -> items.add(StreamJson.write(s)));
        JsonObjectBuilder b = JSON.createObjectBuilder().add("streams", items);
        if (page.lastName() != null) {
            b.add("next", StreamCursor.encode(page.lastName()));
        }
        return b.build();
    }

    /**
     * The stream's configuration and {@code stats}. A name nobody configured is found through the
     * publish location or template it is under; one under a publish location only while published.
     */
    @GET
    @Path("{name: .+}")
    public JsonObject get(@PathParam("name") String name) {
        FoundStream found = lookup.find(name).orElseThrow(() -> notFound(name));
        PipelineInfo pipeline = pipeline(name);
        if (found.publishLocation() != null && pipeline == null) {
            throw notFound(name);
        }
        return StreamJson.writer(found.definition()).add("stats", StreamStatsJson.of(found, pipeline)).build();
    }

    @PUT
    @Path("{name: .+}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("name") String name, String body, @Context UriInfo uri) {
        StreamDefinition d = StreamJson.read(JsonBody.object(body), name);
        if (streams.put(d)) {
            return Response.created(uri.getAbsolutePath()).entity(StreamJson.write(d)).build();
        }
        return Response.ok(StreamJson.write(d)).build();
    }

    /** JSON merge patch (RFC 7396) of the stream as GET shows it; null removes a setting. */
    @PATCH
    @Path("{name: .+}")
    @Consumes({MediaType.APPLICATION_JSON, MERGE_PATCH_JSON})
    public JsonObject patch(@PathParam("name") String name, String body) {
        JsonMergePatch patch = JSON.createMergePatch(JsonBody.object(body));
        return StreamJson.write(streams.patch(name,
                current -> StreamJson.read(patch.apply(StreamJson.write(current)).asJsonObject(), name))
                .orElseThrow(() -> notFound(name)));
    }

    @DELETE
    @Path("{name: .+}")
    public Response delete(@PathParam("name") String name) {
        if (!streams.delete(name)) {
            throw notFound(name);
        }
        return Response.noContent().build();
    }

    /** What the engine runs for {@code name}, or null (nothing, or the engine is not reachable). */
    private PipelineInfo pipeline(String name) {
        try (MediaEngine engine = engines.getEngine()) {
            return engine.pipeline(name);
        } catch (ResourceException | RuntimeException e) {
            LOG.fine("no engine state for " + name + ": " + e);
            return null;
        }
    }

    private static int limit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(limit);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ConfigException.invalid(ConfigException.INVALID_VALUE, "limit",
                "limit must be between 1 and " + MAX_LIMIT + ".");
    }

    private static NotFoundException notFound(String name) {
        return new NotFoundException("No stream named '" + name + "'.");
    }
}
