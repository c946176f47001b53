package org.openstreamer.ejb.service;

/**
 * Fired (CDI) when the schema migration that could not run at deployment, because PostgreSQL was
 * unreachable, has run: what skipped its start-up work for want of the database (the first
 * administrator, the notification sinks) does it now. Not fired when the migration ran at
 * deployment, since everything started after it then.
 *
 * @param version the schema version now
 */
public record SchemaMigrated(String version) {
}
