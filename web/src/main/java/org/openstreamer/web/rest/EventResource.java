package org.openstreamer.web.rest;

import jakarta.ejb.EJB;
import jakarta.json.JsonObject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openstreamer.ejb.model.EventRecord;
import org.openstreamer.ejb.service.EventQueryService;

import java.time.Instant;
import java.util.List;

/** {@code GET /streamer/api/v3/events?type=&limit=}: the engine event log, newest first. */
@Path("/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "server")
public class EventResource {

    /** {@code data} is the event's JSON object as stored: numbers as numbers, nested objects such as {@code srt_stats}. */
    public record EventView(long id, Instant occurredAt, String type, String stream, String node,
                            @Schema(type = SchemaType.OBJECT, description = "The event's attributes; see the events table in api.md")
                            JsonObject data) {
        static EventView of(EventRecord r) {
            return new EventView(r.getId(), r.getOccurredAt(), r.getType(), r.getStream(), r.getNode(), r.getData());
        }
    }

    @EJB
    private EventQueryService events;

    @GET
    @Operation(summary = "The event log, newest first")
    public List<EventView> list(@QueryParam("type") String type, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new BadRequestException("limit must be between 1 and 1000");
        }
        if (type != null && !type.matches("[a-z_]{1,64}")) {
            throw new BadRequestException("type must be an event name such as engine_started");
        }
        return events.recent(type, limit).stream().map(EventView::of).toList();
    }
}
