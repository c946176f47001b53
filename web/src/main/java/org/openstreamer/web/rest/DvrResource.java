package org.openstreamer.web.rest;

import jakarta.ejb.EJB;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openstreamer.ejb.dvr.ArchiveLock;
import org.openstreamer.ejb.dvr.ArchiveRange;
import org.openstreamer.ejb.dvr.DvrRetention;
import org.openstreamer.ejb.dvr.DvrService;
import org.openstreamer.ejb.json.JsonBody;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.service.StreamOperations;

import static org.openstreamer.ejb.util.Jsonp.JSON;

/**
 * The DVR of a stream: its state, switching recording on and off (until the server restarts, as
 * the reference does), locking ranges against retention, rebuilding the index from the files,
 * and a retention pass on demand.
 */
@Path("/dvr")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "dvr", description = "Recording, locks, index")
public class DvrResource {

    @EJB
    private DvrService dvr;

    @EJB
    private DvrRetention retention;

    @EJB
    private StreamOperations operations;

    @GET
    @Path("{name: .+}")
    @Operation(summary = "The stream's DVR: configuration, recording state and the archive's extent")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public JsonObject get(@PathParam("name") String name) {
        var config = dvr.config(name);
        ArchiveRange total = dvr.total(name);
        if (config.isEmpty() && total == null) {
            throw ConfigException.notFound(name);
        }
        var status = operations.live(name).dvr();
        JsonObjectBuilder b = JSON.createObjectBuilder().add("name", name).add("configured", config.isPresent())
                .add("recording", status.recording());
        if (status.error() != null) {
            b.add("error", status.error());
        }
        b.add("segments_written", status.segments()).add("bytes_written", status.bytes()).add("segments_failed", status.failed());
        if (total != null) {
            b.add("from", total.fromMillis() / 1000).add("to", (total.toMillis() + 999) / 1000);
        }
        return b.build();
    }

    @POST
    @Path("{name: .+}/enable")
    @Operation(summary = "Record now, even a dvr_offline stream, until the server restarts")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public JsonObject enable(@PathParam("name") String name) {
        dvr.record(name, true);
        return JSON.createObjectBuilder().add("name", name).add("recording", true).build();
    }

    @POST
    @Path("{name: .+}/disable")
    @Operation(summary = "Stop recording until enabled again or the server restarts")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public JsonObject disable(@PathParam("name") String name) {
        dvr.record(name, false);
        return JSON.createObjectBuilder().add("name", name).add("recording", false).build();
    }

    @POST
    @Path("{name: .+}/lock")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Keep a range from retention: {\"from\": UNIX_SECONDS, \"duration\": SECONDS}")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public JsonObject lock(@PathParam("name") String name, String body) {
        long[] range = range(body);
        ArchiveLock l = dvr.lock(name, range[0], range[1]);
        return JSON.createObjectBuilder().add("stream", name).add("from", l.from()).add("duration", l.duration()).build();
    }

    @POST
    @Path("{name: .+}/unlock")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Remove the locks within a range: {\"from\": UNIX_SECONDS, \"duration\": SECONDS}")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public JsonObject unlock(@PathParam("name") String name, String body) {
        long[] range = range(body);
        return JSON.createObjectBuilder().add("stream", name).add("unlocked", dvr.unlock(name, range[0], range[1])).build();
    }

    @POST
    @Path("{name: .+}/reindex")
    @Operation(summary = "Rebuild the stream's archive index from its files")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public JsonObject reindex(@PathParam("name") String name) {
        DvrService.Reindexed r = dvr.reindex(name);
        return JSON.createObjectBuilder().add("stream", name).add("segments", r.segments()).add("bytes", r.bytes())
                .add("roots", JSON.createArrayBuilder(r.roots())).build();
    }

    @POST
    @Path("retention")
    @Operation(summary = "Run a retention pass now (it also runs every minute)")
    public JsonObject retention() {
        DvrRetention.Pass p = retention.run();
        JsonObjectBuilder deleted = JSON.createObjectBuilder();
        p.deleted().forEach(deleted::add);
        return JSON.createObjectBuilder().add("skipped", p.skipped()).add("indexed", p.indexed()).add("deleted", deleted).build();
    }

    /** {@code {"from": N, "duration": N}} as seconds. */
    private static long[] range(String body) {
        JsonObject o = JsonBody.object(body);
        try {
            return new long[] {o.getJsonNumber("from").longValueExact(), o.getJsonNumber("duration").longValueExact()};
        } catch (NullPointerException | ClassCastException | ArithmeticException e) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, "from",
                    "The body is {\"from\": UNIX_SECONDS, \"duration\": SECONDS}, both whole numbers.");
        }
    }
}
