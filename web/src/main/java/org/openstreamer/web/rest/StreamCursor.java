package org.openstreamer.web.rest;

import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.connector.api.StreamName;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code cursor} of {@code GET /streams}: an opaque, URL-safe token for "after this name".
 * Names sort the pages, so a cursor stays valid while streams are added or removed.
 */
final class StreamCursor {

    private StreamCursor() {
    }

    static String encode(String lastName) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastName.getBytes(StandardCharsets.UTF_8));
    }

    /** The name the cursor continues after, or null for none; 400 when it is not one of ours. */
    static String decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String name = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (StreamName.isValid(name)) {
                return name;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw ConfigException.invalid(ConfigException.INVALID_VALUE, "cursor",
                "cursor must be the 'next' value of an earlier page.");
    }
}
