package org.openstreamer.web.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of every API error: a stable machine-readable code, the offending field when there is
 * one, and a sentence for people.
 */
@Schema(name = "Error", requiredProperties = {"error", "message"})
public record ApiError(
        @Schema(description = "Stable code: invalid_value, unknown_key, port_conflict, not_found, ...") String error,
        @Schema(description = "The value concerned: name, srt_publish.passphrase, inputs[0].url, limit, url, ...")
        String field,
        @Schema(description = "A sentence for people") String message) {

    public static ApiError of(String error, String message) {
        return new ApiError(error, null, message);
    }
}
