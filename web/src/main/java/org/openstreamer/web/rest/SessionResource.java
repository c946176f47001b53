package org.openstreamer.web.rest;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.web.playback.auth.PlaySession;
import org.openstreamer.web.playback.auth.PlaybackGate;
import org.openstreamer.web.util.ApiError;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * {@code /streamer/api/v3/sessions}: the viewers of streams with a playback policy ({@code on_play}
 * or {@code max_sessions}), a page at a time, and closing them. A closed session is banned for its
 * {@code X-AuthDuration} (180 s unless the backend said otherwise): its token cannot come back at once.
 */
@Path("/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "server")
public class SessionResource {

    @GET
    @Operation(summary = "Open playback sessions, oldest first, a page at a time")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public JsonObject list(@Parameter(description = "Only this stream's sessions") @QueryParam("name") String name,
                           @Parameter(description = "Only sessions of this X-UserId") @QueryParam("user_id") String userId,
                           @Parameter(description = "Only sessions from this client IP") @QueryParam("ip") String ip,
                           @Parameter(description = "The next value of the previous page") @QueryParam("cursor") String cursor,
                           @QueryParam("limit") String limit) {
        int n = limit(limit);
        String after = decode(cursor);
        List<PlaySession> matching = open().stream()
                .filter(s -> name == null || name.equals(s.key().stream()))
                .filter(s -> userId == null || userId.equals(s.userId()))
                .filter(s -> ip == null || ip.equals(s.key().ip()))
                .toList();
        int from = 0;
        if (after != null) {
            while (from < matching.size() && !matching.get(from).id().equals(after)) {
                from++;
            }
            from = from < matching.size() ? from + 1 : matching.size();
        }
        int to = Math.min(matching.size(), from + n);
        JsonArrayBuilder items = Json.createArrayBuilder();
        long now = System.currentTimeMillis();
        for (PlaySession s : matching.subList(from, to)) {
            items.add(json(s, now));
        }
        JsonObjectBuilder b = Json.createObjectBuilder().add("sessions", items);
        if (name != null) {
            b.add("name", name);
        }
        if (to < matching.size()) {
            b.add("next", encode(matching.get(to - 1).id()));
        }
        return b.build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Close one session (its viewer is refused from the next request on)")
    @APIResponse(responseCode = "204", description = "Closed")
    @APIResponse(responseCode = "404", description = "No open session of this id")
    public Response close(@PathParam("id") String id) {
        PlaybackGate gate = PlaybackGate.current();
        PlaySession s = gate == null ? null : gate.sessions().byId(id);
        if (s == null || !closeOne(gate, s)) {
            return Response.status(404).entity(ApiError.of("session_not_found", "No open session " + id + ".")).build();
        }
        return Response.noContent().build();
    }

    @DELETE
    @Operation(summary = "Close every session of a stream (name is required)")
    @APIResponse(responseCode = "200", description = "How many were closed")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public JsonObject closeStream(@QueryParam("name") String name) {
        if (name == null || name.isEmpty()) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, "name", "name (the stream) is required.");
        }
        PlaybackGate gate = PlaybackGate.current();
        int closed = 0;
        for (PlaySession s : open()) {
            if (name.equals(s.key().stream()) && closeOne(gate, s)) {
                closed++;
            }
        }
        return Json.createObjectBuilder().add("closed", closed).build();
    }

    /** The reference's form: session ids, one a line. */
    @POST
    @Path("close")
    @Consumes({MediaType.TEXT_PLAIN, MediaType.WILDCARD})
    @Operation(summary = "Close the sessions whose ids the body lists, one a line")
    public JsonObject closeList(String body) {
        PlaybackGate gate = PlaybackGate.current();
        int closed = 0;
        for (String id : (body == null ? "" : body).split("\n")) {
            PlaySession s = gate == null || id.isBlank() ? null : gate.sessions().byId(id.trim());
            if (s != null && closeOne(gate, s)) {
                closed++;
            }
        }
        return Json.createObjectBuilder().add("closed", closed).build();
    }

    private static boolean closeOne(PlaybackGate gate, PlaySession s) {
        return gate.sessions().close(s, "closed_by_api", PlaybackGate.banSeconds(s), System.nanoTime());
    }

    private static List<PlaySession> open() {
        PlaybackGate gate = PlaybackGate.current();
        return gate == null ? List.of() : gate.sessions().open();
    }

    static JsonObject json(PlaySession s, long nowMillis) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("id", s.id())
                .add("name", s.key().stream())
                .add("ip", s.key().ip())
                .add("token", s.key().token())
                .add("type", s.request().type())
                .add("media_request", s.request().mediaRequest())
                .add("created_at", s.createdAt())
                .add("duration", Math.max(0, nowMillis - s.createdAt()))
                .add("bytes_sent", s.bytesSent());
        if (s.userId() != null) {
            b.add("user_id", s.userId());
        }
        if (s.request().referer() != null) {
            b.add("referer", s.request().referer());
        }
        if (s.request().userAgent() != null) {
            b.add("user_agent", s.request().userAgent());
        }
        return b.build();
    }

    private static int limit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return 100;
        }
        try {
            int n = Integer.parseInt(limit);
            if (n >= 1 && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ConfigException.invalid(ConfigException.INVALID_VALUE, "limit", "limit is a number from 1 to 1000.");
    }

    private static String encode(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, "cursor", "cursor must be the 'next' value of an earlier page.");
        }
    }
}
