package org.openstreamer.web.util;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;

/**
 * The one JSON shape of the server: snake_case keys (the reference API's style), nulls left out.
 * Jsonb instances are thread-safe and costly to build, so there is exactly one.
 */
public final class Json {

    public static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
            .withNullValues(false));

    private Json() {
    }
}
