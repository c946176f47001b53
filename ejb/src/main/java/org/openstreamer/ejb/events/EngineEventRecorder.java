package org.openstreamer.ejb.events;

import jakarta.annotation.Resource;
import jakarta.ejb.MessageDriven;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.MediaEventListener;
import org.openstreamer.connector.api.MediaEventType;
import org.openstreamer.ejb.dvr.ArchiveSegment;
import org.openstreamer.ejb.dvr.DvrIndex;
import org.openstreamer.ejb.model.EventRecord;
import org.openstreamer.ejb.util.ServerIdentity;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores every engine event in the {@code events} table, and keeps the {@code sessions} table (play
 * and publish sessions, for reporting) in step in the same transaction. The recorder's
 * {@code dvr_segments} batches go to the DVR index instead. Bound to the connector's inbound
 * contract in META-INF/jboss-ejb3.xml; each delivery runs in its own container transaction.
 */
@MessageDriven(name = "EngineEventRecorder", messageListenerInterface = MediaEventListener.class)
public class EngineEventRecorder implements MediaEventListener {

    private static final String DVR_SEGMENTS = MediaEventType.DVR_SEGMENTS.wireName();

    @PersistenceContext(unitName = "media")
    private EntityManager em;

    @Resource(lookup = "java:jboss/datasources/MediaDS")
    private DataSource dataSource;

    @Override
    public void onEvent(MediaEvent event) {
        String node = ServerIdentity.node();
        if (DVR_SEGMENTS.equals(event.type())) {
            index(event, node);
            return;
        }
        em.persist(new EventRecord(event, node));
        SessionRecorder.apply(em, event, node);
    }

    private void index(MediaEvent event, String node) {
        try (Connection c = dataSource.getConnection()) {
            DvrIndex.append(c, node, rows(event.data().get("rows") instanceof String text ? text : ""));
        } catch (SQLException e) {
            // The files are on disk: the retention pass finds what the index missed.
            throw new IllegalStateException("DVR index not updated: " + e.getMessage(), e);
        }
    }

    /** {@code stream TAB start_ms TAB duration_ms TAB bytes TAB root TAB path} lines. */
    static List<ArchiveSegment> rows(String text) {
        List<ArchiveSegment> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.split("\t");
            if (f.length == 6) {
                rows.add(new ArchiveSegment(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), 0, f[4], f[5]));
            }
        }
        return rows;
    }
}
