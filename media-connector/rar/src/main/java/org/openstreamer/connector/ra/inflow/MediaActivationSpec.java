package org.openstreamer.connector.ra.inflow;

import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a message-driven bean subscribes to engine events. {@code eventTypes} is an optional
 * comma-separated filter of event names ({@code archive_segments} for the recorder's batches of
 * segments); empty means every event.
 */
public class MediaActivationSpec implements ActivationSpec {

    private ResourceAdapter resourceAdapter;
    private String eventTypes = "";

    public String getEventTypes() {
        return eventTypes;
    }

    public void setEventTypes(String eventTypes) {
        this.eventTypes = eventTypes == null ? "" : eventTypes;
    }

    Set<String> eventTypeFilter() {
        return Arrays.stream(eventTypes.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void validate() throws InvalidPropertyException {
        if (!eventTypes.matches("[a-z_, ]*")) {
            throw new InvalidPropertyException("eventTypes must be a comma-separated list of event names");
        }
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) {
        this.resourceAdapter = ra;
    }
}
