package org.openstreamer.web.rest.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** One page of {@code GET /streams}. */
@Schema(name = "StreamPage")
public record StreamPageSchema(List<StreamSchema> streams,
                               @Schema(description = "Present when more streams follow: pass it as cursor") String next) {
}
