package org.openstreamer.ejb.notify;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.json.JsonObject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.openstreamer.ejb.service.NotifySinkService;
import org.openstreamer.ejb.service.NotifySinksChanged;
import org.openstreamer.ejb.service.SchemaMigrated;
import org.openstreamer.ejb.service.SchemaMigrator;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Sends every recorded event to the configured sinks ({@code notify_sinks}). An event is handed
 * over when its transaction commits (a rolled-back change notifies nobody) and only queued here:
 * delivery happens on each sink's own managed thread, so neither the media engine's event path
 * nor an API request ever waits for a receiver.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Notifier {

    private static final Logger LOG = Logger.getLogger(Notifier.class.getName());

    @EJB
    private NotifySinkService sinks;

    @Resource
    private ManagedThreadFactory threads;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    private volatile List<ActiveSink> active = List.of();

    @EJB
    private SchemaMigrator schema;

    @PostConstruct
    void start() {
        if (schema.ready()) { // else the database was unreachable at deployment: loaded once it is back
            load();
        }
    }

    /** The database was unreachable at deployment, so the sinks could not be loaded then: they are now. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void schemaMigrated(@Observes SchemaMigrated migrated) {
        load();
    }

    private void load() {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.warning("notify sinks not loaded (they load on the next change): " + e);
        }
    }

    @PreDestroy
    synchronized void stop() {
        active.forEach(ActiveSink::stop);
        active = List.of();
    }

    /** After the commit, outside its (finished) transaction: reading the sinks needs one of its own. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) NotifySinksChanged change) {
        reload();
    }

    /** Applies the stored sinks: unchanged ones keep their queue, others start afresh. */
    public synchronized void reload() {
        Map<String, ActiveSink> running = new HashMap<>();
        active.forEach(a -> running.put(a.definition().name(), a));
        Path logDir = Path.of(System.getProperty("jboss.server.log.dir", "."));
        List<ActiveSink> next = sinks.list().stream().map(d -> {
            ActiveSink same = running.get(d.name());
            if (same != null && same.definition().equals(d)) {
                running.remove(d.name());
                return same;
            }
            return ActiveSink.start(d, threads, logDir);
        }).toList();
        active = next;
        running.values().forEach(ActiveSink::stop);
    }

    /** An event row was written: sinks get it when (and if) its transaction commits. */
    public void recorded(JsonObject event) {
        if (active.isEmpty()) {
            return;
        }
        int status = transactions.getTransactionStatus();
        if (status == Status.STATUS_NO_TRANSACTION) {
            publish(event);
            return;
        }
        if (status != Status.STATUS_ACTIVE) {
            return; // marked for rollback: the row will not exist
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    publish(event);
                }
            }
        });
    }

    public Optional<SinkStats> stats(String name) {
        return active.stream().filter(a -> a.definition().name().equals(name)).findFirst().map(ActiveSink::stats);
    }

    private void publish(JsonObject event) {
        for (ActiveSink sink : active) {
            sink.offer(event);
        }
    }
}
