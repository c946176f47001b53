package org.openstreamer.ejb.notify;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.persistence.PostPersist;
import org.openstreamer.ejb.model.EventRecord;

import java.util.logging.Logger;

/**
 * Hands every row written to {@code events} to the {@link Notifier}, whoever wrote it (the engine's
 * events, configuration changes, retention). Registered for {@code EventRecord} in META-INF/orm.xml,
 * so the model does not depend on this package.
 */
public class EventRowListener {

    private static final Logger LOG = Logger.getLogger(EventRowListener.class.getName());

    @PostPersist
    public void recorded(EventRecord row) {
        try {
            CDI.current().select(Notifier.class).get().recorded(EventPayload.of(row.getType(), row.getStream(),
                    row.getOccurredAt(), row.getNode(), row.getData()));
        } catch (RuntimeException e) {
            // Notifying must never undo the recording of the event.
            LOG.warning("event " + row.getType() + " not handed to the notify sinks: " + e);
        }
    }
}
