package org.openstreamer.ejb.util;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. {@code Json.createObjectBuilder()} and its siblings look the
 * provider up through a ServiceLoader on every call, which costs more than building a stream's
 * JSON; a page of 100 streams makes about a thousand such calls.
 */
public final class Jsonp {

    public static final JsonProvider JSON = JsonProvider.provider();

    private Jsonp() {
    }
}
