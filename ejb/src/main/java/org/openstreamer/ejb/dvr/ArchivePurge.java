package org.openstreamer.ejb.dvr;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.openstreamer.connector.api.ArchiveSegmentRecord;
import org.openstreamer.connector.api.MediaEngineFactory;
import org.openstreamer.ejb.sync.EngineSync;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Deletes the whole archive of a stream that is gone ({@code DELETE /streams/NAME?archive=delete}):
 * its segment files under every root the index knows for it and under its last configured root,
 * then its index rows, ranges and locks. Only segment files are touched (never the stream's
 * folder as a whole: another stream's archive may be below it, {@code a/b} under {@code a}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ArchivePurge {

    private static final Logger LOG = Logger.getLogger(ArchivePurge.class.getName());
    static final String REASON = "stream_deleted";

    @Resource(lookup = "java:jboss/datasources/MediaDS")
    private DataSource dataSource;

    @EJB
    private EngineSync engine;

    @EJB
    private DvrCleaner cleaner;

    @Resource(lookup = MediaEngineFactory.JNDI_NAME)
    private MediaEngineFactory engines;

    /** What was deleted. */
    public record Purged(int segments, long bytes) {
    }

    /**
     * Deletes the archive of {@code stream}, which must no longer exist; {@code root} is the DVR root
     * it had (null if none). The engine gets the configuration without the stream first, so that
     * it stops recording it.
     */
    public Purged purge(String stream, String root) {
        engine.push();
        Set<String> roots = new LinkedHashSet<>();
        if (root != null && root.startsWith("/")) {
            roots.add(root);
        }
        try (Connection c = dataSource.getConnection()) {
            roots.addAll(indexedRoots(c, stream));
            List<ArchiveSegmentRecord> files = ArchiveFiles.run(engines, "cannot delete the archive files of " + stream,
                    archive -> {
                        List<ArchiveSegmentRecord> deleted = new ArrayList<>();
                        for (String r : roots) {
                            deleted.addAll(archive.deleteStream(r, stream));
                        }
                        return deleted;
                    });
            DvrIndex.clear(c, stream);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM dvr_locks WHERE stream = ?")) {
                del.setString(1, stream);
                del.executeUpdate();
            }
            long bytes = files.stream().mapToLong(ArchiveSegmentRecord::bytes).sum();
            if (!files.isEmpty()) {
                long from = files.stream().mapToLong(ArchiveSegmentRecord::startMillis).min().orElse(0);
                long to = files.stream().mapToLong(ArchiveSegmentRecord::endMillis).max().orElse(0);
                cleaner.deleted(stream, REASON, files.size(), bytes, from, to);
                LOG.info("The archive of deleted stream " + stream + " was deleted: " + files.size() + " segments, " + bytes + " bytes");
            }
            return new Purged(files.size(), bytes);
        } catch (SQLException e) {
            throw new IllegalStateException("the DVR index of " + stream + " was not cleared: " + e.getMessage(), e);
        }
    }

    /** Whether the index knows any segment of {@code stream}. */
    public boolean hasArchive(String stream) {
        try (Connection c = dataSource.getConnection()) {
            return !indexedRoots(c, stream).isEmpty();
        } catch (SQLException e) {
            throw new IllegalStateException("the DVR index is not readable: " + e.getMessage(), e);
        }
    }

    private static Set<String> indexedRoots(Connection c, String stream) throws SQLException {
        Set<String> roots = new LinkedHashSet<>();
        try (PreparedStatement q = c.prepareStatement("SELECT DISTINCT root FROM dvr_segments WHERE stream = ?")) {
            q.setString(1, stream);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    roots.add(rs.getString(1));
                }
            }
        }
        return roots;
    }
}
