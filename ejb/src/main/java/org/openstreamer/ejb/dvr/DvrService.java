package org.openstreamer.ejb.dvr;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.openstreamer.connector.api.ArchiveSegmentRecord;
import org.openstreamer.connector.api.MediaEngineFactory;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.ejb.sync.DvrSwitches;
import org.openstreamer.ejb.sync.ExternalStreams;
import org.openstreamer.ejb.model.DvrConfig;
import org.openstreamer.ejb.model.EventRecord;
import org.openstreamer.ejb.model.StreamDefinition;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.sync.EngineSync;
import org.openstreamer.ejb.service.FoundStream;
import org.openstreamer.ejb.service.StreamLookup;
import org.openstreamer.ejb.util.ServerIdentity;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The DVR of one stream as the API and playback see it: its configuration, the archive's index
 * (segments, ranges, locks), switching recording on and off, locking ranges and rebuilding the
 * index from the files.
 */
@Stateless
public class DvrService {

    @Resource(lookup = "java:jboss/datasources/MediaDS")
    private DataSource dataSource;

    @PersistenceContext(unitName = "media")
    private EntityManager em;

    @EJB
    private StreamLookup lookup;

    @EJB
    private ExternalStreams external;

    @EJB
    private DvrSwitches switches;

    @EJB
    private EngineSync engine;

    @Resource(lookup = MediaEngineFactory.JNDI_NAME)
    private MediaEngineFactory engines;

    /** The stream's DVR configuration, if the stream exists and has one. */
    public Optional<DvrConfig> config(String stream) {
        Optional<StreamDefinition> d = lookup.find(stream).map(FoundStream::definition).or(() -> external.find(stream));
        return d.map(def -> def.options().dvr());
    }

    /**
     * Whether {@code stream} names a stream: configured, made by a publish location or template, or
     * given by the configuration backend. The archive of a name that is none of these (a deleted
     * stream's) is not served, as live playback serves no unknown stream.
     */
    public boolean exists(String stream) {
        return lookup.find(stream).isPresent() || external.find(stream).isPresent();
    }

    /** Switches recording on or off until the server restarts; 404 without a stream, 409 without a DVR. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void record(String stream, boolean on) {
        requireDvr(stream);
        switches.set(stream, on);
        engine.push();
    }

    private DvrConfig requireDvr(String stream) {
        Optional<StreamDefinition> d = lookup.find(stream).map(FoundStream::definition).or(() -> external.find(stream));
        if (d.isEmpty()) {
            throw ConfigException.notFound(stream);
        }
        DvrConfig dvr = d.get().options().dvr();
        if (dvr == null) {
            throw ConfigException.conflict(ConfigException.INVALID_VALUE, "dvr", "Stream " + stream + " has no DVR configured.");
        }
        return dvr;
    }

    public List<ArchiveSegment> segments(String stream, long fromMs, long toMs) {
        return jdbc(c -> DvrIndex.segments(c, stream, fromMs, toMs));
    }

    /** The segments a playlist of {@code [fromMs, toMs)} lists (no sizes, no roots: see {@link DvrIndex#listed}). */
    public List<ArchiveSegment> listed(String stream, long fromMs, long toMs) {
        return jdbc(c -> DvrIndex.listed(c, stream, fromMs, toMs));
    }

    public List<ArchiveSegment> after(String stream, long fromMs, int limit) {
        return jdbc(c -> DvrIndex.after(c, stream, fromMs, limit));
    }

    public List<ArchiveSegment> before(String stream, long toMs, int limit) {
        return jdbc(c -> DvrIndex.before(c, stream, toMs, limit));
    }

    public ArchiveSegment byName(String stream, long startMs, long durationMs, boolean exact) {
        return jdbc(c -> DvrIndex.byName(c, stream, startMs, durationMs, exact));
    }

    public List<ArchiveRange> ranges(String stream, long fromMs, long toMs) {
        return jdbc(c -> DvrIndex.ranges(c, stream, fromMs, toMs));
    }

    public ArchiveRange total(String stream) {
        return jdbc(c -> DvrIndex.total(c, stream));
    }

    /** Locks whose range overlaps {@code [fromMs, toMs)}, oldest first. */
    public List<ArchiveLock> locks(String stream, long fromMs, long toMs) {
        return jdbc(c -> {
            List<ArchiveLock> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT from_s, duration_s FROM dvr_locks WHERE stream = ?"
                    + " AND from_s * 1000 < ? AND (from_s + duration_s) * 1000 > ? ORDER BY from_s")) {
                q.setString(1, stream);
                q.setLong(2, toMs);
                q.setLong(3, fromMs);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ArchiveLock(rs.getLong(1), rs.getLong(2)));
                    }
                }
            }
            return out;
        });
    }

    /** Keeps {@code [from, from+duration)} (seconds) from retention. */
    public ArchiveLock lock(String stream, long from, long duration) {
        requireDvr(stream);
        checkRange(from, duration);
        jdbc(c -> {
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO dvr_locks (stream, from_s, duration_s) VALUES (?, ?, ?)")) {
                ins.setString(1, stream);
                ins.setLong(2, from);
                ins.setLong(3, duration);
                ins.executeUpdate();
            }
            return null;
        });
        return new ArchiveLock(from, duration);
    }

    /** Removes the locks that lie within {@code [from, from+duration]}; returns how many. */
    public int unlock(String stream, long from, long duration) {
        checkRange(from, duration);
        return jdbc(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM dvr_locks WHERE stream = ? AND from_s >= ?"
                    + " AND from_s + duration_s <= ?")) {
                del.setString(1, stream);
                del.setLong(2, from);
                del.setLong(3, from + duration);
                return del.executeUpdate();
            }
        });
    }

    private static void checkRange(long from, long duration) {
        if (from <= 0 || duration <= 0 || duration > Integer.MAX_VALUE) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, "from",
                    "from is a Unix time in seconds and duration a positive number of seconds.");
        }
    }

    /** What a reindex found: segments indexed, and the roots read. */
    public record Reindexed(int segments, long bytes, List<String> roots) {
    }

    /**
     * Rebuilds the stream's index from its files: under the configured root and under every root
     * the index knew for it. The index of the stream is replaced in one transaction.
     */
    public Reindexed reindex(String stream) {
        Optional<DvrConfig> dvr = config(stream);
        return jdbc(c -> {
            Set<String> roots = new LinkedHashSet<>();
            dvr.filter(d -> d.root().startsWith("/")).ifPresent(d -> roots.add(d.root()));
            try (PreparedStatement q = c.prepareStatement("SELECT DISTINCT root FROM dvr_segments WHERE stream = ?")) {
                q.setString(1, stream);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        roots.add(rs.getString(1));
                    }
                }
            }
            if (roots.isEmpty()) {
                throw dvr.isEmpty() ? ConfigException.notFound(stream)
                        : ConfigException.conflict(ConfigException.INVALID_VALUE, "dvr", "Stream " + stream + " has no DVR on disk.");
            }
            List<ArchiveSegmentRecord> found = new ArrayList<>();
            for (String root : roots) {
                found.addAll(ArchiveFiles.run(engines, "cannot read " + root + "/" + stream,
                        archive -> archive.scan(root, stream, Long.MIN_VALUE)));
            }
            found.sort(java.util.Comparator.comparingLong(ArchiveSegmentRecord::startMillis));
            DvrIndex.clear(c, stream);
            for (int i = 0; i < found.size(); i += 5000) {
                DvrIndex.append(c, ServerIdentity.node(), new ArrayList<>(found.subList(i, Math.min(found.size(), i + 5000))));
            }
            DvrIndex.rebuildRanges(c, stream);
            long bytes = found.stream().mapToLong(ArchiveSegmentRecord::bytes).sum();
            em.persist(new EventRecord(new MediaEvent("dvr_reindexed", Instant.now(), stream,
                    Map.of("segments", found.size(), "bytes", bytes)), ServerIdentity.node()));
            return new Reindexed(found.size(), bytes, List.copyOf(roots));
        });
    }

    private <T> T jdbc(Jdbc.Work<T> work) {
        return Jdbc.run(dataSource, work);
    }
}
