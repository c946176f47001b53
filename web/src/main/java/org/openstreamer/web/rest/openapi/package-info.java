/**
 * The JSON shapes the API reads and writes as JSON-P objects (streams, server settings), told to
 * the OpenAPI generator. These records are never instantiated: the JSON is written by
 * {@code org.openstreamer.ejb.json}, and {@code OpenApiSchemaTest} keeps the two in step.
 * Property names become snake_case through {@code mp.openapi.extensions.smallrye.property-naming-strategy}.
 */
package org.openstreamer.web.rest.openapi;
