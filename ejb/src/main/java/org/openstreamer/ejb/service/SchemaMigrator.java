package org.openstreamer.ejb.service;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.openstreamer.ejb.util.DatabaseFailure;

import javax.sql.DataSource;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Brings the database schema up to date at deploy, before anything else touches it. The SQL files
 * are {@code db/migration/V<N>__*.sql} in the db-schema jar; applied versions are recorded in
 * {@code flyway_schema_history}, so each runs exactly once per database.
 * <p>
 * PostgreSQL unreachable at deploy does not stop the deployment: one WARNING, and the migration is
 * tried again every {@value #RETRY_MILLIS} ms until it runs (then {@link SchemaMigrated} is fired).
 * Meanwhile {@link #problem()} says why the database is not usable, so /health reports it DOWN and
 * the API answers 503. A migration that fails for another reason (bad SQL, a changed checksum)
 * fails the deployment as before; if that happens on a later attempt, it is logged as SEVERE and
 * not retried.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN) // Flyway runs each migration in its own transaction
@ConcurrencyManagement(ConcurrencyManagementType.BEAN) // health checks read the state while an attempt waits for a connection
public class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());
    static final long RETRY_MILLIS = 5_000;

    @Resource(lookup = "java:jboss/datasources/MediaDS")
    private DataSource dataSource;

    @Resource
    private TimerService timers;

    @Inject
    private Event<SchemaMigrated> migrated;

    private final LongSupplier clock;
    private volatile String schemaVersion;
    private volatile String problem = "the database schema is not migrated yet";
    private long waitingSince = -1; // when the first attempt found the database unreachable; -1: not waiting
    private long failedAttempts;

    public SchemaMigrator() {
        this(System::currentTimeMillis);
    }

    SchemaMigrator(LongSupplier clock) {
        this.clock = clock;
    }

    @PostConstruct
    void atDeploy() {
        if (!attempt(this::migrate)) {
            retryLater();
        }
    }

    @Timeout
    void retry() {
        if (attempt(this::migrate)) {
            try {
                migrated.fire(new SchemaMigrated(schemaVersion));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A bean waiting for the database schema failed to start its work", e);
            }
        } else if (problem != null && waitingSince >= 0) {
            retryLater();
        }
    }

    /**
     * Runs {@code migration} (which returns the schema version) once. True when it ran; false when
     * the database could not be reached (try again later). A failure of another kind is thrown at
     * deployment, and logged and kept in {@link #problem()} on a later attempt.
     */
    synchronized boolean attempt(Supplier<String> migration) {
        try {
            schemaVersion = migration.get();
        } catch (RuntimeException e) {
            boolean atDeploy = waitingSince < 0;
            if (DatabaseFailure.unavailable(e)) {
                failedAttempts++;
                problem = "waiting for the database to migrate the schema: " + rootMessage(e);
                if (atDeploy) {
                    waitingSince = clock.getAsLong();
                    LOG.warning("The database cannot be reached at deployment (" + rootMessage(e) + "): the server"
                            + " starts without it (/health says DOWN, the API answers 503) and migrates the schema"
                            + " as soon as it can, trying every " + RETRY_MILLIS / 1000 + " s");
                }
                return false;
            }
            if (atDeploy) {
                throw e; // as before: the deployment fails, loudly
            }
            problem = "the schema migration failed: " + rootMessage(e) + " (fix it and redeploy)";
            waitingSince = -1; // not retried: it would fail the same way
            LOG.log(Level.SEVERE, "Database schema migration failed once the database was back; the server keeps"
                    + " answering 503 until it is fixed and redeployed", e);
            return false;
        }
        problem = null;
        if (waitingSince >= 0) {
            LOG.info("Database schema at version " + schemaVersion + ", migrated " + (clock.getAsLong() - waitingSince) / 1000
                    + " s after the deployment, once the database could be reached (" + failedAttempts + " attempts failed)");
            waitingSince = -1;
        }
        return true;
    }

    private String migrate() {
        MigrateResult result = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate();
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        LOG.info("Database schema at version " + version + " (" + result.migrationsExecuted + " migrations applied now)");
        return version;
    }

    private void retryLater() {
        timers.createSingleActionTimer(RETRY_MILLIS, new TimerConfig("schema migration retry", false));
    }

    /** The schema version, or null while the schema is not migrated. */
    public String schemaVersion() {
        return problem == null ? schemaVersion : null;
    }

    /** Whether the schema is migrated: the database's tables are those this deployment expects. */
    public boolean ready() {
        return problem == null;
    }

    /** Why the database cannot be used yet (unreachable at deployment, a failed migration), or null when it can. */
    public String problem() {
        return problem;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        String message = String.valueOf(e);
        for (int depth = 0; t != null && depth < 20; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
    }
}
