package org.openstreamer.ejb.dvr;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.openstreamer.connector.api.ArchiveSegmentRecord;
import org.openstreamer.connector.api.MediaEngineFactory;
import org.openstreamer.ejb.service.SchemaMigrator;
import org.openstreamer.ejb.util.DatabaseFailure;
import org.openstreamer.ejb.util.OutageLog;
import org.openstreamer.ejb.util.ServerIdentity;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes the recorder's segment batches into the DVR index, and keeps what could not be written
 * (PostgreSQL down) in an {@link IndexBacklog} to write first, in order, once it can: the
 * segments recorded during an outage are indexed when it ends, numbered before the newer ones.
 * An outage is two log lines ({@link OutageLog}), not one per batch. Called by the event
 * recorder, one batch at a time, in the delivery's transaction: what waited leaves the backlog
 * only when that transaction commits. The backlog is memory: what it held when the server stopped
 * is found on disk by the first batch after the next start that reaches PostgreSQL
 * ({@link RecordedBeforeStart}), and written with it.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DvrIndexWriter {

    private static final Logger LOG = Logger.getLogger(DvrIndexWriter.class.getName());
    /**
     * Rows kept in memory (a few hundred bytes each): 30 minutes of 2 s segments for 300 streams.
     * Past it, a stream's files are read again from disk when PostgreSQL is back.
     */
    static final int CAPACITY = 20_000;

    @Resource(lookup = "java:jboss/datasources/MediaDS")
    private DataSource dataSource;

    @Resource(lookup = MediaEngineFactory.JNDI_NAME)
    private MediaEngineFactory engines;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    @EJB
    private SchemaMigrator schema;

    private final IndexBacklog backlog = new IndexBacklog(CAPACITY);
    private final OutageLog outage = new OutageLog(LOG, "Writing the DVR index",
            "segments kept to index when it is back (the files are on disk)");
    /** Whether the files recorded before this start were looked for (once, by the first batch that reached PostgreSQL). */
    private volatile boolean lookedBeforeStart;

    /** Indexes {@code reported}, after whatever waits from an outage. Never throws for a database failure. */
    public void write(List<ArchiveSegmentRecord> reported) {
        backlog.add(reported);
        if (!schema.ready()) { // the database was unreachable at deployment and still is, or is not migrated yet
            outage.failed(new IllegalStateException(schema.problem()), reported.size());
            return;
        }
        IndexBacklog.Pending pending = backlog.pending();
        boolean lookingBeforeStart = !lookedBeforeStart;
        int written;
        int beforeStart = 0;
        try (Connection c = dataSource.getConnection()) {
            List<ArchiveSegmentRecord> rows = new ArrayList<>(pending.rows());
            if (rows.size() > reported.size()) {
                // Catching up: a retention pass may have indexed some of these files meanwhile,
                // under their names' start (to the second), which the primary key does not match.
                rows = withoutIndexed(c, rows);
            }
            for (IndexBacklog.Rescan r : pending.rescans()) {
                rows.addAll(rescan(c, r, pending.rows()));
            }
            if (lookingBeforeStart) {
                List<ArchiveSegmentRecord> found = recordedBeforeStart(c, pending);
                beforeStart = found.size();
                rows.addAll(found);
            }
            written = DvrIndex.append(c, ServerIdentity.node(), rows);
        } catch (SQLException | RuntimeException e) {
            transactions.setRollbackOnly();
            if (DatabaseFailure.unavailable(e)) {
                outage.failed(e, reported.size());
            } else {
                // Not an outage: retrying would fail the same way and hold back every later batch.
                backlog.written(pending);
                lookedBeforeStart = true;
                LOG.log(Level.WARNING, "DVR index not updated for " + pending.rows().size() + " segments"
                        + " (the files are on disk: the next retention pass or a reindex indexes them)", e);
            }
            return;
        }
        boolean catchingUp = pending.rows().size() > reported.size() || !pending.rescans().isEmpty() || beforeStart > 0;
        int indexed = written;
        int foundBeforeStart = beforeStart;
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    backlog.written(pending);
                    if (lookingBeforeStart) {
                        lookedBeforeStart = true;
                        if (foundBeforeStart > 0) {
                            LOG.info("DVR index: " + foundBeforeStart + " segments recorded before this start that"
                                    + " the index lacked (kept in memory during an outage) were found on disk and indexed");
                        }
                    }
                    outage.succeeded(catchingUp ? "; " + indexed + " segments indexed now"
                            + (pending.rescans().isEmpty() ? "" : " (" + pending.rescans().size() + " streams read again from disk)") : "");
                } else {
                    outage.failed(new IllegalStateException("the DVR index transaction did not commit (status " + status + ")"), 0);
                }
            }
        });
    }

    /**
     * The files recorded before this start that the index lacks ({@link RecordedBeforeStart}). A
     * stream whose archive cannot be read is skipped with a warning (a reindex indexes it), so the
     * others and the batch are still written.
     */
    private List<ArchiveSegmentRecord> recordedBeforeStart(Connection c, IndexBacklog.Pending pending) throws SQLException {
        Map<String, Long> waitingFrom = RecordedBeforeStart.waitingFrom(pending);
        long settled = System.currentTimeMillis() - DvrRetention.SETTLE_MS;
        List<ArchiveSegmentRecord> found = new ArrayList<>();
        for (IndexBacklog.Rescan r : RecordedBeforeStart.streams(c)) {
            try {
                for (ArchiveSegmentRecord f : rescan(c, r, pending.rows())) {
                    if (RecordedBeforeStart.take(f, waitingFrom, settled)) {
                        found.add(f);
                    }
                }
            } catch (RuntimeException e) {
                if (DatabaseFailure.unavailable(e)) {
                    throw e;
                }
                LOG.warning("DVR index: the files of " + r.stream() + " recorded before this start were not looked"
                        + " for (" + e.getMessage() + "); POST /dvr/" + r.stream() + "/reindex indexes them");
            }
        }
        return found;
    }

    /** Segments kept in memory and streams to read again, waiting for the database. */
    public int waiting() {
        return backlog.size() + backlog.rescanStreams().size();
    }

    /** {@code rows} less the files the index lists already (by path, per stream). */
    private static List<ArchiveSegmentRecord> withoutIndexed(Connection c, List<ArchiveSegmentRecord> rows) throws SQLException {
        java.util.Map<String, Long> oldest = new java.util.HashMap<>();
        rows.forEach(r -> oldest.merge(r.stream(), r.startMillis(), Math::min));
        Set<String> indexed = new HashSet<>();
        try (PreparedStatement q = c.prepareStatement("SELECT stream, path FROM dvr_segments WHERE stream = ? AND start_ms >= ?")) {
            for (java.util.Map.Entry<String, Long> e : oldest.entrySet()) {
                q.setString(1, e.getKey());
                q.setLong(2, e.getValue() - 1000);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        indexed.add(rs.getString(1) + "/" + rs.getString(2));
                    }
                }
            }
        }
        return indexed.isEmpty() ? rows : new ArrayList<>(rows.stream().filter(r -> !indexed.contains(r.stream() + "/" + r.path())).toList());
    }

    /**
     * The files of a stream from the rescan's instant on, less those already indexed or waiting.
     * File names give the start to the second, so the scan starts at that second.
     */
    private List<ArchiveSegmentRecord> rescan(Connection c, IndexBacklog.Rescan r, List<ArchiveSegmentRecord> waiting)
            throws SQLException {
        long second = Math.floorDiv(r.fromMillis(), 1000) * 1000;
        Set<String> known = new HashSet<>();
        waiting.stream().filter(w -> w.stream().equals(r.stream())).forEach(w -> known.add(w.path()));
        try (PreparedStatement q = c.prepareStatement("SELECT path FROM dvr_segments WHERE stream = ? AND start_ms >= ?")) {
            q.setString(1, r.stream());
            q.setLong(2, second - DvrIndex.MAX_SEGMENT_MS);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    known.add(rs.getString(1));
                }
            }
        }
        List<ArchiveSegmentRecord> found = ArchiveFiles.run(engines, "cannot read the archive of " + r.stream(),
                archive -> archive.scan(r.root(), r.stream(), second - 1));
        return found.stream().filter(f -> f.startMillis() >= second && !known.contains(f.path())).toList();
    }
}
