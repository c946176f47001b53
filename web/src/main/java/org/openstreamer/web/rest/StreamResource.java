package org.openstreamer.web.rest;

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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openstreamer.ejb.dvr.ArchivePurge;
import org.openstreamer.ejb.json.JsonBody;
import org.openstreamer.ejb.model.DvrConfig;
import org.openstreamer.ejb.json.StreamJson;
import org.openstreamer.ejb.sync.ExternalStreams;
import org.openstreamer.ejb.model.StreamDefinition;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.service.FoundStream;
import org.openstreamer.ejb.service.LiveStatus;
import org.openstreamer.ejb.service.StreamLookup;
import org.openstreamer.connector.api.StreamName;
import org.openstreamer.ejb.service.StreamOperations;
import org.openstreamer.ejb.service.StreamPage;
import org.openstreamer.ejb.service.StreamService;
import org.openstreamer.web.rest.live.StreamStats;
import org.openstreamer.web.rest.openapi.StreamPageSchema;
import org.openstreamer.web.rest.openapi.StreamSchema;

import java.io.StringReader;
import java.util.Set;
import java.util.Map;
import java.util.List;
import java.util.ArrayList;

import static org.openstreamer.ejb.util.Jsonp.JSON;

/**
 * {@code /streamer/api/v3/streams}: list, read, create or replace, merge-patch and delete streams,
 * and the operations on one: restart, switch_source, health. Names may contain '/', so a stream's
 * address takes the rest of the path; an operation's path has more literal characters than the
 * bare {@code {name}} one, so JAX-RS prefers it, and no stream name may end with an operation.
 */
@Path("/streams")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "streams")
public class StreamResource {

    static final String MERGE_PATCH_JSON = "application/merge-patch+json";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    /** Streams read at a time while filtering by status. */
    static final int STATUS_PAGE = 500;
    static final Set<String> STATUSES = Set.of("publishing", "waiting", "error", "idle", "disabled");
    /** The reference's answer when a stream has no recent frames. */
    static final int FAILED_DEPENDENCY = 424;

    @EJB
    private StreamService streams;

    @EJB
    private StreamOperations operations;

    @EJB
    private ExternalStreams external;

    @EJB
    private StreamLookup lookup;

    @EJB
    private ArchivePurge archives;

    @GET
    @Operation(summary = "Streams in name order, a page at a time")
    @APIResponse(responseCode = "200", description = "A page of streams",
            content = @Content(schema = @Schema(implementation = StreamPageSchema.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public JsonObject list(@Parameter(description = "The next value of the previous page") @QueryParam("cursor") String cursor,
                           @Parameter(schema = @Schema(minimum = "1", maximum = "1000", defaultValue = "100"))
                           @QueryParam("limit") String limit,
                           @Parameter(description = "Keep names starting with this") @QueryParam("name_prefix") String prefix,
                           @Parameter(description = "Keep streams in these states, comma-separated: publishing, waiting, idle, disabled")
                           @QueryParam("status") String status,
                           @Parameter(schema = @Schema(enumeration = {"name", "-name"}, defaultValue = "name"),
                                   description = "name: A to Z; -name: Z to A") @QueryParam("sort") String sort) {
        if (prefix != null && !StreamName.isPrefix(prefix)) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, "name_prefix",
                    "name_prefix holds only characters of stream names.");
        }
        if (sort != null && !sort.equals("name") && !sort.equals("-name")) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, "sort", "sort is name or -name.");
        }
        Set<String> wanted = statuses(status);
        boolean descending = "-name".equals(sort);
        int n = limit(limit);
        String after = StreamCursor.decode(cursor);
        List<StreamDefinition> found = new ArrayList<>();
        String next;
        // With a status filter, pages are read until enough streams match: the cursor is the last name looked at.
        do {
            StreamPage page = streams.list(prefix, after, wanted == null ? n : Math.max(n, STATUS_PAGE), descending);
            List<StreamDefinition> candidates = page.streams();
            Map<String, String> states = wanted == null ? Map.of() : operations.statuses(candidates);
            next = page.lastName();
            for (StreamDefinition d : candidates) {
                if (wanted == null || wanted.contains(states.get(d.name()))) {
                    found.add(d);
                    if (found.size() == n) {
                        next = d.name().equals(candidates.get(candidates.size() - 1).name()) ? page.lastName() : d.name();
                        break;
                    }
                }
            }
            after = next;
        } while (found.size() < n && next != null);
        JsonArrayBuilder items = JSON.createArrayBuilder();
        found.forEach(s -> items.add(StreamJson.write(s)));
        JsonObjectBuilder b = JSON.createObjectBuilder().add("streams", items);
        if (next != null) {
            b.add("next", StreamCursor.encode(next));
        }
        return b.build();
    }

    private static Set<String> statuses(String status) {
        if (status == null || status.isEmpty()) {
            return null;
        }
        Set<String> wanted = Set.of(status.split(","));
        if (!STATUSES.containsAll(wanted)) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, "status",
                    "status lists publishing, waiting, error, idle or disabled, comma-separated.");
        }
        return wanted;
    }

    /**
     * The stream's configuration and {@code stats}. A name nobody configured is found through the
     * publish location or template it is under; one under a publish location only while published.
     */
    @GET
    @Path("{name: .+}")
    @Operation(summary = "One stream: its configuration and, under stats, its live figures")
    @APIResponse(responseCode = "200", description = "The stream",
            content = @Content(schema = @Schema(implementation = StreamSchema.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public JsonObject get(@PathParam("name") String name) {
        // Stored streams first, then names made from a publish location or template, then the
        // configuration backend's streams (read only).
        FoundStream found = lookup.find(name).or(() -> external.find(name).map(d -> new FoundStream(d, null, null)))
                .orElseThrow(() -> notFound(name));
        LiveStatus status = operations.live(name);
        if (found.publishLocation() != null && status.pipeline() == null) {
            throw notFound(name); // a name under a publish location exists only while published
        }
        return StreamJson.writer(found.definition()).add(StreamJson.STATS, stats(found, status)).build();
    }

    @PUT
    @Path("{name: .+}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create the stream or replace it entirely")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = StreamSchema.class)))
    @APIResponse(responseCode = "200", description = "Replaced; the stream as stored",
            content = @Content(schema = @Schema(implementation = StreamSchema.class)))
    @APIResponse(responseCode = "201", description = "Created; the stream as stored",
            content = @Content(schema = @Schema(implementation = StreamSchema.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "409", ref = "Conflict")
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
    @Operation(summary = "Merge-patch the stream (RFC 7396): keys given replace, null removes, arrays are replaced whole")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = StreamSchema.class)))
    @APIResponse(responseCode = "200", description = "The stream as stored",
            content = @Content(schema = @Schema(implementation = StreamSchema.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public JsonObject patch(@PathParam("name") String name, String body) {
        JsonMergePatch patch = JSON.createMergePatch(JsonBody.object(body));
        return StreamJson.write(streams.patch(name,
                current -> StreamJson.read(patch.apply(StreamJson.write(current)).asJsonObject(), name))
                .orElseThrow(() -> notFound(name)));
    }

    @DELETE
    @Path("{name: .+}")
    @Operation(summary = "Delete the stream; its ports are free at once. Its archive stays unless archive=delete "
            + "(which also deletes the archive a stream of this name left when it was deleted before)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response delete(@PathParam("name") String name,
                           @Parameter(description = "keep (default) or delete: what becomes of the stream's archive")
                           @QueryParam("archive") String archive) {
        boolean purge = "delete".equals(archive);
        if (archive != null && !purge && !"keep".equals(archive)) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, "archive",
                    "archive is keep (the default: the archive stays on disk) or delete (the archive goes with the stream).");
        }
        String root = purge ? streams.find(name).map(d -> d.options().dvr()).map(DvrConfig::root).orElse(null) : null;
        boolean deleted = streams.delete(name);
        if (purge && (deleted || (lookup.find(name).isEmpty() && archives.hasArchive(name)))) {
            archives.purge(name, root);
        } else if (!deleted) {
            throw notFound(name);
        }
        return Response.noContent().build();
    }

    @POST
    @Path("{name: .+}/restart")
    @Operation(summary = "Restart the stream's live pipeline: its publisher is disconnected (it may connect again), "
            + "its live viewers are ended and its segments dropped; other streams see nothing")
    @APIResponse(responseCode = "200", description = "Restarted",
            content = @Content(schema = @Schema(implementation = StreamRestart.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public StreamRestart restart(@PathParam("name") String name) throws Exception {
        String publisher = operations.restart(name).orElseThrow(() -> notFound(name));
        return new StreamRestart(name, true, publisher.isEmpty() ? null : publisher);
    }

    @POST
    @Path("{name: .+}/switch_source")
    @Operation(summary = "Make one of the stream's inputs the active one")
    @APIResponse(responseCode = "200", description = "The active input",
            content = @Content(schema = @Schema(implementation = SourceSwitch.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public SourceSwitch switchSource(@PathParam("name") String name,
                                     @Parameter(description = "One of the stream's input URLs, exactly as configured",
                                             required = true) @QueryParam("url") String url) throws Exception {
        int position = operations.switchSource(name, url).orElseThrow(() -> notFound(name));
        JsonObject input = StreamJson.write(streams.find(name).orElseThrow(() -> notFound(name)))
                .getJsonArray("inputs").getJsonObject(position);
        return new SourceSwitch(name, position, input);
    }

    @GET
    @Path("{name: .+}/health")
    @Operation(summary = "200 when the stream's last frame is under 1 s old and its DVR (if any) writes, 424 otherwise (for monitoring)")
    @APIResponse(responseCode = "200", description = "Alive",
            content = @Content(schema = @Schema(implementation = StreamHealth.class)))
    @APIResponse(responseCode = "424", description = "No recent frames",
            content = @Content(schema = @Schema(implementation = StreamHealth.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response health(@PathParam("name") String name) {
        LiveStatus status = operations.health(name).orElseThrow(() -> notFound(name));
        long age = status.lastFrameAgeMs();
        String dvrError = status.dvr().error();
        StreamHealth body = new StreamHealth(name, status.alive(), age < 0 ? null : age, dvrError);
        return Response.status(status.alive() && dvrError == null ? 200 : FAILED_DEPENDENCY).entity(body)
                .header("Cache-Control", "no-store").build();
    }

    /** The live figures; a stream the engine does not run has only its status. */
    private static JsonObject stats(FoundStream found, LiveStatus status) {
        StreamStats stats = StreamStats.of(found, status);
        if (status.pipeline() == null) {
            JsonObjectBuilder b = JSON.createObjectBuilder().add("status", stats.status()).add("alive", false)
                    .add("running", false);
            if (stats.publishLocation() != null) {
                b.add("publish_location", stats.publishLocation());
            }
            if (stats.template() != null) {
                b.add("template", stats.template());
            }
            return b.build();
        }
        String json = org.openstreamer.web.util.Json.JSONB.toJson(stats);
        try (var reader = JSON.createReader(new StringReader(json))) {
            return reader.readObject();
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
