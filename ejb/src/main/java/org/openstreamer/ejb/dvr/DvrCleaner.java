package org.openstreamer.ejb.dvr;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openstreamer.connector.api.ArchiveSegmentRecord;
import org.openstreamer.connector.api.MediaEngineFactory;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.MediaEventType;
import org.openstreamer.ejb.model.EventRecord;
import org.openstreamer.ejb.util.ServerIdentity;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The steps of a retention pass that change something, each in a transaction of its own: a
 * batch of segments deleted (files, then index rows and ranges), or files the index missed added.
 */
@Stateless
public class DvrCleaner {

    @Resource(lookup = "java:jboss/datasources/MediaDS")
    private DataSource dataSource;

    @PersistenceContext(unitName = "media")
    private EntityManager em;

    @Resource(lookup = MediaEngineFactory.JNDI_NAME)
    private MediaEngineFactory engines;

    /** Deletes {@code batch} (oldest first, one stream) from disk and from the index. */
    public void delete(String stream, List<ArchiveSegment> batch) {
        List<ArchiveSegmentRecord> files = batch.stream().map(ArchiveSegment::record).toList();
        ArchiveFiles.run(engines, "cannot delete archive files of " + stream, archive -> {
            archive.delete(files);
            return null;
        });
        try (Connection c = dataSource.getConnection()) {
            DvrIndex.remove(c, stream, batch);
        } catch (SQLException e) {
            // The files are gone: a reindex makes the index agree again.
            throw new IllegalStateException("DVR index of " + stream + " not updated after deleting files: " + e.getMessage(), e);
        }
    }

    /** Records one {@code dvr_deleted_fragments} event for what a pass deleted of a stream for one reason. */
    public void deleted(String stream, String reason, int count, long bytes, long fromMs, long toMs) {
        em.persist(new EventRecord(MediaEvent.of(MediaEventType.DVR_DELETED_FRAGMENTS, stream, Map.of(
                "reason", reason, "count", count, "bytes", bytes, "from", fromMs / 1000, "to", toMs / 1000)),
                ServerIdentity.node()));
    }

    /**
     * Indexes the files of {@code stream} under {@code root} newer than its newest indexed segment
     * and ended before {@code settledBeforeMs} (newer ones are still on their way to the index
     * in the recorder's batches); returns how many.
     */
    public int catchUp(String stream, String root, long settledBeforeMs) {
        try (Connection c = dataSource.getConnection()) {
            ArchiveSegment latest = DvrIndex.latest(c, stream);
            long after = latest == null ? Long.MIN_VALUE : latest.startMillis();
            List<ArchiveSegmentRecord> found = new java.util.ArrayList<>(ArchiveFiles.run(engines,
                    "cannot read the archive of " + stream, archive -> archive.scan(root, stream, after)));
            found.removeIf(s -> s.endMillis() > settledBeforeMs);
            return found.isEmpty() ? 0 : DvrIndex.append(c, ServerIdentity.node(), found);
        } catch (SQLException e) {
            throw new IllegalStateException("DVR index of " + stream + ": " + e.getMessage(), e);
        }
    }
}
