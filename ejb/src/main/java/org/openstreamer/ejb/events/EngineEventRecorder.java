package org.openstreamer.ejb.events;

import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import org.openstreamer.connector.api.ArchiveSegmentRecord;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.MediaEventListener;
import org.openstreamer.ejb.dvr.DvrIndexWriter;

import java.util.List;

/**
 * Stores every engine event in the {@code events} table, and keeps the {@code sessions} table (play
 * and publish sessions, for reporting) in step in the same transaction. The recorder's batches of
 * archive segments go to the DVR index instead. Bound to the connector's inbound
 * contract in META-INF/jboss-ejb3.xml; each delivery runs in its own container transaction.
 */
@MessageDriven(name = "EngineEventRecorder", messageListenerInterface = MediaEventListener.class)
public class EngineEventRecorder implements MediaEventListener {

    @EJB
    private EventStore events;

    @EJB
    private DvrIndexWriter index;

    /** Stored after those an outage kept waiting; kept itself while the database is down. */
    @Override
    public void onEvent(MediaEvent event) {
        events.store(event);
    }

    /**
     * One batch of the recorder's segments: index rows, in this delivery's transaction; kept to
     * write later, in order, while the database is down.
     */
    @Override
    public void onArchiveSegments(List<ArchiveSegmentRecord> segments) {
        index.write(segments);
    }
}
