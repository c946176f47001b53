package org.openstreamer.ejb.dvr;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.openstreamer.connector.api.MediaEngineFactory;
import org.openstreamer.ejb.model.DvrConfig;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Keeps every archive within its limits, once a minute (and on demand through the API): first the
 * segments the index missed are indexed, then, oldest first and never a segment that overlaps a
 * lock, segments older than the depth go, then segments beyond the stream's storage limit, then,
 * for each DVR root whose disk is fuller than the smallest disk limit of its streams, the oldest
 * segments of those streams until it is not. Each batch is its own transaction; each stream and
 * reason gets one {@code dvr_deleted_fragments} event per pass. An archive whose stream no longer
 * has a DVR configuration is kept as it is.
 */
@Singleton
@DependsOn("SchemaMigrator") // its timer may fire while a slow start is still migrating the schema
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DvrRetention {

    private static final Logger LOG = Logger.getLogger(DvrRetention.class.getName());
    static final int BATCH = 1000;
    /** Bounds one pass: a backlog larger than this is worked off over the next passes. */
    static final int MAX_BATCHES = 50;
    /** Files written this recently may still be on their way to the index in the recorder's batches. */
    static final long SETTLE_MS = 15_000;

    @Resource(lookup = "java:jboss/datasources/MediaDS")
    private DataSource dataSource;

    @EJB
    private DvrService dvr;

    @EJB
    private DvrCleaner cleaner;

    @EJB
    private DvrIndexWriter indexWriter;

    @Resource(lookup = MediaEngineFactory.JNDI_NAME)
    private MediaEngineFactory engines;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile String lastFailure;

    /** What a pass did: segments deleted by reason, files indexed late. */
    public record Pass(Map<String, Integer> deleted, int indexed, boolean skipped) {
    }

    @Schedule(second = "30", minute = "*", hour = "*", persistent = false, info = "DVR retention")
    void everyMinute() {
        try {
            run();
        } catch (RuntimeException e) {
            // Logged by run() once per kind of failure; thrown on, the timer service would log it
            // again as an ERROR and retry at once.
        }
    }

    /** Runs a pass now, unless one is running (then {@code skipped}). */
    public Pass run() {
        if (!running.compareAndSet(false, true)) {
            return new Pass(Map.of(), 0, true);
        }
        try {
            Pass p = pass(System.currentTimeMillis());
            lastFailure = null;
            return p;
        } catch (RuntimeException e) {
            String message = e.getMessage();
            if (!String.valueOf(message).equals(lastFailure)) { // once per kind of failure, not every minute
                LOG.warning("DVR retention pass failed: " + e);
                lastFailure = message;
            }
            throw e;
        } finally {
            running.set(false);
        }
    }

    private Pass pass(long now) {
        Map<String, Integer> deleted = new LinkedHashMap<>();
        int indexed = 0;
        Map<String, DvrConfig> configs = new LinkedHashMap<>();
        for (String stream : withArchiveOrDvr()) {
            dvr.config(stream).ifPresent(c -> configs.put(stream, c));
        }
        for (Map.Entry<String, DvrConfig> e : configs.entrySet()) {
            String stream = e.getKey();
            DvrConfig c = e.getValue();
            if (!c.root().startsWith("/")) {
                continue;
            }
            if (indexWriter.waiting() == 0) { // else the writer indexes the outage's segments first, in order
                indexed += cleaner.catchUp(stream, c.root(), now - SETTLE_MS);
            }
            if (c.depth() != null) {
                deleteOldest(stream, "depth", now - c.depth() * 1000, Long.MAX_VALUE, deleted);
            }
            if (c.storageLimit() != null) {
                long excess = jdbc(conn -> DvrIndex.bytes(conn, stream, null)) - c.storageLimit();
                if (excess > 0) {
                    deleteOldest(stream, "storage_limit", Long.MAX_VALUE, excess, deleted);
                }
            }
        }
        Map<String, List<String>> byRoot = new HashMap<>();
        Map<String, Integer> limitOfRoot = new HashMap<>();
        configs.forEach((stream, c) -> {
            if (c.diskLimit() != null && c.root().startsWith("/")) {
                byRoot.computeIfAbsent(c.root(), r -> new ArrayList<>()).add(stream);
                limitOfRoot.merge(c.root(), c.diskLimit(), Math::min);
            }
        });
        byRoot.forEach((root, streams) -> freeDisk(root, streams, limitOfRoot.get(root), deleted));
        return new Pass(deleted, indexed, false);
    }

    /** Deletes the oldest deletable segments ending before {@code endBeforeMs}, up to {@code bytes} of them. */
    private void deleteOldest(String stream, String reason, long endBeforeMs, long bytes, Map<String, Integer> deleted) {
        int count = 0;
        long freed = 0;
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (int b = 0; b < MAX_BATCHES && freed < bytes; b++) {
            List<ArchiveSegment> batch = new ArrayList<>(jdbc(c -> DvrIndex.deletable(c, stream, endBeforeMs, BATCH)));
            if (bytes != Long.MAX_VALUE) { // only as many as needed to get under the limit
                long sum = 0;
                int keep = 0;
                while (keep < batch.size() && freed + sum < bytes) {
                    sum += batch.get(keep++).bytes();
                }
                batch = batch.subList(0, keep);
            }
            if (batch.isEmpty()) {
                break;
            }
            cleaner.delete(stream, batch);
            count += batch.size();
            for (ArchiveSegment s : batch) {
                freed += s.bytes();
                from = Math.min(from, s.startMillis());
                to = Math.max(to, s.endMillis());
            }
        }
        if (count > 0) {
            cleaner.deleted(stream, reason, count, freed, from, to);
            deleted.merge(reason, count, Integer::sum);
            LOG.info("DVR retention (" + reason + ") deleted " + count + " segments (" + freed + " bytes) of " + stream);
        }
    }

    /** Deletes the oldest segments of {@code streams}, a batch at a time, while the disk of {@code root} is fuller than {@code limit} %. */
    private void freeDisk(String root, List<String> streams, int limit, Map<String, Integer> deleted) {
        for (int b = 0; b < MAX_BATCHES; b++) {
            long indexed = jdbc(c -> DvrIndex.bytes(c, null, root));
            double usage = ArchiveFiles.run(engines, "cannot read the disk usage of " + root,
                    archive -> DiskUsage.percent(archive, root, indexed));
            if (usage <= limit) {
                return;
            }
            // The oldest segment among the streams of this root goes first.
            ArchiveSegment oldest = null;
            for (String stream : streams) {
                List<ArchiveSegment> head = jdbc(c -> DvrIndex.deletable(c, stream, Long.MAX_VALUE, 1));
                if (!head.isEmpty() && (oldest == null || head.get(0).startMillis() < oldest.startMillis())) {
                    oldest = head.get(0);
                }
            }
            if (oldest == null) {
                LOG.warning("The disk of " + root + " is " + Math.round(usage) + " % full (limit " + limit
                        + " %), and nothing more may be deleted (locked or empty archives)");
                return;
            }
            // Free about 1 % of the archive under this root per step, of the stream holding the oldest.
            long step = Math.max(1, jdbc(c -> DvrIndex.bytes(c, null, root)) / 100);
            deleteOldest(oldest.stream(), "disk_limit", Long.MAX_VALUE, step, deleted);
        }
    }

    /** Streams with an archive in the index, and stored streams with a DVR configured. */
    private List<String> withArchiveOrDvr() {
        return jdbc(c -> {
            java.util.Set<String> out = new java.util.LinkedHashSet<>(DvrIndex.streams(c));
            try (var q = c.prepareStatement("SELECT name FROM streams WHERE dvr_root IS NOT NULL ORDER BY name");
                 var rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return List.copyOf(out);
        });
    }

    private <T> T jdbc(Jdbc.Work<T> work) {
        return Jdbc.run(dataSource, work);
    }
}
