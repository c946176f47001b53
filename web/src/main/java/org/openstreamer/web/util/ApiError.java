package org.openstreamer.web.util;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of every API error: a stable machine-readable code, the offending field when there is
 * one, and a sentence for people. Errors about a configuration text add the line and column of
 * the first problem and, when there are several, all of them in {@code errors}.
 */
@Schema(name = "Error", requiredProperties = {"error", "message"})
public record ApiError(
        @Schema(description = "Stable code: invalid_value, unknown_key, port_conflict, not_found, ...") String error,
        @Schema(description = "The value concerned: name, srt_publish.passphrase, inputs[0].url, limit, url, ...")
        String field,
        @Schema(description = "A sentence for people") String message,
        @Schema(description = "Line of an imported text configuration the error is about") Integer line,
        @Schema(description = "Column on that line") Integer column,
        @Schema(description = "Every problem, when an import found several") List<ApiError> errors) {

    public ApiError(String error, String field, String message) {
        this(error, field, message, null, null, null);
    }

    public static ApiError of(String error, String message) {
        return new ApiError(error, null, message);
    }
}
