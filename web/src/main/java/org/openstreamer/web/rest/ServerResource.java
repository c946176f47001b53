package org.openstreamer.web.rest;

import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openstreamer.ejb.service.ServerInfo;
import org.openstreamer.ejb.service.ServerInfoService;

/** {@code GET /streamer/api/v3/server}: version, host, uptime and stream/client counts. */
@Path("/server")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "server")
public class ServerResource {

    @EJB
    private ServerInfoService servers;

    @GET
    @Operation(summary = "Version, host, uptime and stream and client counts")
    public ServerInfo get() throws Exception {
        return servers.current();
    }
}
