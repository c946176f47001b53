package org.openstreamer.ejb.service;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import org.openstreamer.ejb.model.PublishLocationDefinition;
import org.openstreamer.ejb.model.StreamTemplateDefinition;

import java.util.Optional;

/**
 * Finds what a stream name stands for, as the engine does: a configured stream wins; otherwise
 * the publish location or template with the longest prefix the name is under makes it.
 */
@Stateless
public class StreamLookup {

    @EJB
    private StreamService streams;

    @EJB
    private PublishLocationService locations;

    @EJB
    private StreamTemplateService templates;

    public Optional<FoundStream> find(String name) {
        var configured = streams.find(name);
        if (configured.isPresent()) {
            return Optional.of(new FoundStream(configured.get(), null, null));
        }
        Optional<PublishLocationDefinition> location = locations.covering(name);
        Optional<StreamTemplateDefinition> template = templates.covering(name);
        if (location.isPresent() && (template.isEmpty()
                || location.get().prefix().length() >= template.get().prefix().length())) {
            return Optional.of(new FoundStream(location.get().streamFor(name), location.get().prefix(), null));
        }
        return template.map(t -> new FoundStream(t.streamFor(name), null, t.name()));
    }
}
