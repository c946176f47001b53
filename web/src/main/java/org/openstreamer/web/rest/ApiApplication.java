package org.openstreamer.web.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openstreamer.web.util.ApiError;

/**
 * The JSON API for middleware and the console, under the reference's v3 prefix. The annotations
 * here are the OpenAPI document's header (served by WildFly at {@code /openapi}): HTTP Basic for
 * every operation, the tags, and the error answers the resources share.
 */
@ApplicationPath("/streamer/api/v3")
@OpenAPIDefinition(
        info = @Info(title = "OpenStreamer API", version = "3",
                description = "Streams as data: configuration stored in PostgreSQL and applied live, plus live status "
                        + "and operations. GET and HEAD need the viewer or admin role, every other method admin."),
        security = @SecurityRequirement(name = ApiApplication.BASIC_AUTH),
        tags = {
                @Tag(name = "streams", description = "Stream configuration, live status and operations"),
                @Tag(name = "config", description = "Server-wide settings"),
                @Tag(name = "server", description = "Server, engine and event log")},
        components = @Components(responses = {
                @APIResponse(name = "BadRequest", responseCode = "400",
                        description = "A value or parameter is invalid; field names it",
                        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class))),
                @APIResponse(name = "NotFound", responseCode = "404", description = "No such stream",
                        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class))),
                @APIResponse(name = "Conflict", responseCode = "409",
                        description = "An SRT port has another owner, or a concurrent change collided",
                        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))}))
@SecurityScheme(securitySchemeName = ApiApplication.BASIC_AUTH, type = SecuritySchemeType.HTTP, scheme = "basic")
public class ApiApplication extends Application {

    static final String BASIC_AUTH = "basic";
}
