package org.openstreamer.web.rest;

import org.openstreamer.ejb.json.JsonBody;
import org.openstreamer.ejb.json.ServerConfigJson;
import jakarta.ejb.EJB;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.openstreamer.ejb.service.ServerConfigService;

/**
 * {@code /streamer/api/v3/config}: the server-wide settings (global SRT ports, SRT listener
 * ranges, config_external). PUT replaces all of them.
 */
@Path("/config")
@Produces(MediaType.APPLICATION_JSON)
public class ServerConfigResource {

    @EJB
    private ServerConfigService config;

    @GET
    public JsonObject get() {
        return ServerConfigJson.write(config.get());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject put(String body) {
        return ServerConfigJson.write(config.put(ServerConfigJson.read(JsonBody.object(body))));
    }
}
