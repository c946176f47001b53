package org.openstreamer.ejb.events;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.ejb.model.EventRecord;
import org.openstreamer.ejb.util.DatabaseFailure;
import org.openstreamer.ejb.util.OutageLog;
import org.openstreamer.ejb.util.ServerIdentity;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stores engine events (and their session changes) in the caller's transaction, after those an
 * outage of PostgreSQL kept waiting ({@link EventBacklog}): an outage costs two log lines, and the
 * events of its span are stored when it ends, in order. Called by the event recorder, one
 * delivery at a time.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class EventStore {

    private static final Logger LOG = Logger.getLogger(EventStore.class.getName());
    /** Events kept in memory during an outage; past this the oldest are dropped (and counted). */
    static final int CAPACITY = 10_000;

    @PersistenceContext(unitName = "media")
    private EntityManager em;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    private final EventBacklog backlog = new EventBacklog(CAPACITY);
    private final OutageLog outage = new OutageLog(LOG, "Storing engine events", "events kept to store when it is back");

    public void store(MediaEvent event) {
        backlog.add(event);
        List<MediaEvent> pending = backlog.pending();
        long droppedBefore = backlog.dropped();
        String node = ServerIdentity.node();
        try {
            for (MediaEvent e : pending) {
                em.persist(new EventRecord(e, node));
                SessionRecorder.apply(em, e, node);
            }
            em.flush();
        } catch (PersistenceException | IllegalStateException e) {
            transactions.setRollbackOnly();
            if (DatabaseFailure.unavailable(e)) {
                outage.failed(e, 1);
            } else {
                // Not an outage: retrying would fail the same way and hold back every later event.
                backlog.stored(pending);
                LOG.log(Level.WARNING, pending.size() + " engine events not stored (" + event.type() + ")", e);
            }
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    backlog.stored(pending);
                    outage.succeeded(pending.size() > 1 ? "; " + pending.size() + " events stored now"
                            + (droppedBefore > 0 ? ", " + droppedBefore + " dropped since the start (backlog full)" : "") : "");
                } else {
                    outage.failed(new IllegalStateException("the event transaction did not commit (status " + status + ")"), 0);
                }
            }
        });
    }
}
