package org.openstreamer.ejb.service;

import org.openstreamer.ejb.model.StreamDefinition;

/**
 * A stream found by name: configured itself (both origins null), or made from the publish
 * location or the template named here.
 */
public record FoundStream(StreamDefinition definition, String publishLocation, String template) {

    public boolean configured() {
        return publishLocation == null && template == null;
    }
}
