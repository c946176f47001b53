package org.openstreamer.ejb.sync;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.openstreamer.connector.api.MediaEngine;
import org.openstreamer.connector.api.MediaEngineFactory;
import org.openstreamer.connector.api.PublishLocationConfig;
import org.openstreamer.connector.api.ServerSettings;
import org.openstreamer.connector.api.StreamConfig;
import org.openstreamer.ejb.model.HttpListener;
import org.openstreamer.ejb.model.StreamDefinition;
import org.openstreamer.connector.api.StreamTemplateConfig;
import org.openstreamer.ejb.data.EngineConfigReader;
import org.openstreamer.ejb.service.SchemaMigrator;
import org.openstreamer.ejb.util.DatabaseFailure;
import org.openstreamer.ejb.util.OutageLog;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Keeps the media engine's configuration equal to PostgreSQL's: pushes every stream, publish
 * location and template ({@code applyStreams}) and the global SRT ports ({@code applySettings})
 * once when the deployment starts and again after every transaction that committed changes
 * ({@link EngineSyncTrigger}), never for a rolled-back one. Streams of the configuration backend
 * ({@link ExternalStreams}) are added, unless one stored here has the same name. The extra HTTP
 * listeners go to WildFly ({@link HttpListenerSync}). Pushes run one at a
 * time and read the database inside the lock, so the last push always carries the latest commit;
 * requests that arrive while a push runs are served by the next one (a burst costs two pushes).
 * A push after a change that fails is logged and skipped: the next change or deployment retries.
 * The push at start is different, since without it the engine has no streams at all: while it
 * fails (PostgreSQL unreachable when the server starts, or the engine not ready) it is tried again
 * every {@value #START_RETRY_MILLIS} ms until one push has worked, logged as one outage
 * ({@link OutageLog}: a WARNING at the first failure, an INFO when it works).
 */
@Singleton
@Startup
@DependsOn({"SchemaMigrator", "DrmKeyService"}) // protections reach the engine before its streams do
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EngineSync {

    private static final Logger LOG = Logger.getLogger(EngineSync.class.getName());
    static final long START_RETRY_MILLIS = 5_000;

    @Resource(lookup = "java:jboss/datasources/MediaDS")
    private DataSource dataSource;

    @Resource(lookup = MediaEngineFactory.JNDI_NAME)
    private MediaEngineFactory engines;

    @EJB
    private ExternalStreams external;

    @EJB
    private HttpListenerSync httpListeners;

    @EJB
    private DvrSwitches dvrSwitches;

    @EJB
    private SchemaMigrator schema;

    @Resource
    private TimerService timers;

    private final AtomicLong requested = new AtomicLong();
    private long pushed; // the last request number a successful push covered; guarded by this
    private final OutageLog startOutage = new OutageLog(LOG, "Configuring the media engine at start",
            "retries (the engine had no streams until now)");
    private String startFailure; // the last failure of the start push not due to the database, logged once

    @PostConstruct
    void atStart() {
        Exception failure = pushAtStart();
        if (failure != null) {
            startFailed(failure);
        }
    }

    /** Tries the push at start again, until it works. */
    @Timeout
    void retryStart() {
        Exception failure = pushAtStart();
        if (failure != null) {
            startFailed(failure);
            return;
        }
        startOutage.succeeded();
        if (startFailure != null) {
            LOG.info("The media engine is configured now; its configuration at start had failed (" + startFailure + ")");
            startFailure = null;
        }
    }

    private Exception pushAtStart() {
        return schema.ready() ? pushUnlessDone()
                : new IllegalStateException(schema.problem()); // the database was unreachable when the schema was to be migrated
    }

    private void startFailed(Exception failure) {
        if (!schema.ready() || DatabaseFailure.unavailable(failure)) {
            startOutage.failed(failure, 1); // a WARNING the first time only
        } else if (!String.valueOf(failure).equals(startFailure)) {
            startFailure = String.valueOf(failure);
            LOG.warning("The media engine could not be configured at start (" + failure + "); trying again every "
                    + START_RETRY_MILLIS / 1000 + " s until it works");
        }
        timers.createSingleActionTimer(START_RETRY_MILLIS, new TimerConfig("media engine configuration at start", false));
    }

    /** Pushes the stored configuration now, unless a push that read the database after this call began already did. */
    public void push() {
        Exception failure = pushUnlessDone();
        if (failure != null) {
            LOG.warning("The media engine was not configured (it keeps its previous configuration): " + failure);
        }
    }

    /** {@link #push()}, returning its failure instead of logging it; null when the configuration is pushed. */
    private Exception pushUnlessDone() {
        long wanted = requested.incrementAndGet();
        synchronized (this) {
            if (pushed >= wanted) {
                return null;
            }
            long covers = requested.get();
            try {
                pushNow();
                pushed = covers;
                return null;
            } catch (Exception e) {
                return e;
            }
        }
    }

    private void pushNow() throws Exception {
        long start = System.nanoTime();
        List<StreamConfig> streams;
        List<PublishLocationConfig> locations;
        List<StreamTemplateConfig> templates;
        ServerSettings settings;
        List<HttpListener> http;
        try (Connection c = dataSource.getConnection()) {
            streams = EngineConfigReader.streams(c);
            locations = EngineConfigReader.locations(c);
            templates = EngineConfigReader.templates(c);
            settings = EngineConfigReader.settings(c);
            http = EngineConfigReader.httpListeners(c);
        }
        httpListeners.apply(http); // asynchronous; finds WildFly's listeners and changes only what differs
        int local = streams.size();
        Set<String> names = new HashSet<>();
        streams.forEach(s -> names.add(s.name()));
        for (StreamDefinition d : external.snapshot().streams().values()) {
            if (!names.contains(d.name())) { // a stream stored here wins over the backend's
                streams.add(EngineConfigReader.config(d.name(), d.options()));
            }
        }
        Map<String, Boolean> switches = dvrSwitches.all();
        if (!switches.isEmpty()) { // recording switched on or off through the API wins over dvr_offline
            streams.replaceAll(c -> c.dvr() == null || !switches.containsKey(c.name()) ? c
                    : c.withDvr(c.dvr().withRecording(switches.get(c.name()))));
        }
        try (MediaEngine engine = engines.getEngine()) {
            engine.applySettings(settings);
            engine.applyStreams(streams, locations, templates);
        }
        LOG.info(String.format("Media engine configured: %d streams (%d from config_external), %d publish locations,"
                        + " %d templates, global SRT ports %s (%d ms)", streams.size(), streams.size() - local,
                locations.size(), templates.size(), describe(settings), (System.nanoTime() - start) / 1_000_000));
    }

    private static String describe(ServerSettings s) {
        StringBuilder sb = new StringBuilder("[");
        if (s.srt() != null) {
            sb.append("srt=").append(s.srt().port());
        }
        if (s.srtPublish() != null) {
            sb.append(sb.length() > 1 ? " " : "").append("srt_publish=").append(s.srtPublish().port());
        }
        if (s.srtPlay() != null) {
            sb.append(sb.length() > 1 ? " " : "").append("srt_play=").append(s.srtPlay().port());
        }
        return sb.append(']').toString();
    }
}
