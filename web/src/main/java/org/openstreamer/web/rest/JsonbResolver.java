package org.openstreamer.web.rest;

import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import org.openstreamer.web.util.Json;

/** Makes JAX-RS write and read JSON in the server's one shape (snake_case). */
@Provider
public class JsonbResolver implements ContextResolver<Jsonb> {

    @Override
    public Jsonb getContext(Class<?> type) {
        return Json.JSONB;
    }
}
