package org.openstreamer.ejb.events;

import jakarta.annotation.Resource;
import jakarta.ejb.MessageDriven;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openstreamer.connector.api.ArchiveSegmentRecord;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.MediaEventListener;
import org.openstreamer.ejb.dvr.DvrIndex;
import org.openstreamer.ejb.model.EventRecord;
import org.openstreamer.ejb.util.ServerIdentity;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Stores every engine event in the {@code events} table, and keeps the {@code sessions} table (play
 * and publish sessions, for reporting) in step in the same transaction. The recorder's batches of
 * archive segments go to the DVR index instead. Bound to the connector's inbound
 * contract in META-INF/jboss-ejb3.xml; each delivery runs in its own container transaction.
 */
@MessageDriven(name = "EngineEventRecorder", messageListenerInterface = MediaEventListener.class)
public class EngineEventRecorder implements MediaEventListener {

    @PersistenceContext(unitName = "media")
    private EntityManager em;

    @Resource(lookup = "java:jboss/datasources/MediaDS")
    private DataSource dataSource;

    @Override
    public void onEvent(MediaEvent event) {
        String node = ServerIdentity.node();
        em.persist(new EventRecord(event, node));
        SessionRecorder.apply(em, event, node);
    }

    /** One batch of the recorder's segments: index rows, in this delivery's transaction. */
    @Override
    public void onArchiveSegments(List<ArchiveSegmentRecord> segments) {
        try (Connection c = dataSource.getConnection()) {
            DvrIndex.append(c, ServerIdentity.node(), new java.util.ArrayList<>(segments));
        } catch (SQLException e) {
            // The files are on disk: the retention pass finds what the index missed.
            throw new IllegalStateException("DVR index not updated: " + e.getMessage(), e);
        }
    }
}
