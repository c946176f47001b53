package org.openstreamer.ejb.config.text;

import jakarta.json.JsonObject;

/**
 * One block of an imported text as JSON: a stream, a publish location, a template, an event sink,
 * or the server's global settings, with where each field came from.
 *
 * @param name null for the server's settings
 */
public record ImportedBlock(Kind kind, String name, JsonObject json, FieldPositions positions) {

    public enum Kind {
        SERVER("server"), STREAM("streams"), LIVE("live"), TEMPLATE("templates"), NOTIFY("notify");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        /** The key of this kind's list in the import's JSON. */
        public String key() {
            return key;
        }
    }

    /** How this block's fields are named in problems: {@code streams[cam1]}, {@code server}. */
    public String prefix() {
        return name == null ? kind.key() : kind.key() + "[" + name + "]";
    }
}
