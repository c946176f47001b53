package org.openstreamer.ejb.events;

import jakarta.ejb.MessageDriven;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.MediaEventListener;
import org.openstreamer.ejb.model.EventRecord;
import org.openstreamer.ejb.util.ServerIdentity;

/**
 * Stores every engine event in the {@code events} table, and keeps the {@code sessions} table (play
 * and publish sessions, for reporting) in step in the same transaction. Bound to the connector's
 * inbound contract in META-INF/jboss-ejb3.xml; each delivery runs in its own container transaction.
 */
@MessageDriven(name = "EngineEventRecorder", messageListenerInterface = MediaEventListener.class)
public class EngineEventRecorder implements MediaEventListener {

    @PersistenceContext(unitName = "media")
    private EntityManager em;

    @Override
    public void onEvent(MediaEvent event) {
        String node = ServerIdentity.node();
        em.persist(new EventRecord(event, node));
        SessionRecorder.apply(em, event, node);
    }
}
