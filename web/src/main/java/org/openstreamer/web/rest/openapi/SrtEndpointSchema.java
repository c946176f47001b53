package org.openstreamer.web.rest.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An SRT endpoint of a stream or of the server; every key optional. */
@Schema(name = "SrtEndpoint")
public record SrtEndpointSchema(
        @Schema(description = "UDP port of the listener; without it the endpoint only sets the passphrase and "
                + "latency used on the server's global ports. One owner per port in the whole server",
                minimum = "1", maximum = "65535")
        Integer port,
        @Schema(description = "Encryption passphrase (none: unencrypted)", minLength = 10, maxLength = 79)
        String passphrase,
        @Schema(description = "SRT latency, milliseconds", minimum = "20", maximum = "8000", defaultValue = "120")
        Integer latency) {
}
