package org.openstreamer.web.rest;

import jakarta.annotation.Resource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openstreamer.connector.api.EngineInfo;
import org.openstreamer.connector.api.MediaEngine;
import org.openstreamer.connector.api.MediaEngineFactory;
import org.openstreamer.connector.api.PipelineInfo;

import java.util.List;

/** {@code GET /streamer/api/v3/engine}: the media engine's versions, capabilities and pipelines. */
@Path("/engine")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "server")
public class EngineResource {

    public record EngineView(EngineInfo engine, List<PipelineInfo> pipelines) {
    }

    @Resource(lookup = MediaEngineFactory.JNDI_NAME)
    private MediaEngineFactory engines;

    @GET
    @Operation(summary = "The media engine's versions, capabilities and pipelines")
    public EngineView get() throws Exception {
        try (MediaEngine engine = engines.getEngine()) {
            return new EngineView(engine.info(), engine.pipelines());
        }
    }
}
