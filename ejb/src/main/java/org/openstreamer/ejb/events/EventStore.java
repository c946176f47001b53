package org.openstreamer.ejb.events;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
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

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stores engine events (and their session changes) in the caller's transaction, after those an
 * outage of PostgreSQL kept waiting ({@link EventBacklog}): an outage costs two log lines, and the
 * events of its span are stored when it ends, in order, with the next event or within 5 s. What
 * waits is also written to a journal ({@link EventJournal}) in the server's data folder and read
 * back at the next start, so a restart during the outage loses none of it.
 */
@Singleton
@DependsOn("SchemaMigrator") // events read back from the journal wait for the tables they go to
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class EventStore {

    private static final Logger LOG = Logger.getLogger(EventStore.class.getName());
    /** Events kept in memory during an outage; past this the oldest are dropped (and counted). */
    static final int CAPACITY = 10_000;
    /** The journal's file when set; else {@link #JOURNAL_FILE} in the server's data folder. */
    static final String JOURNAL_PROPERTY = "openstreamer.events.journal";
    static final String JOURNAL_FILE = "openstreamer-events-waiting.bin";

    @PersistenceContext(unitName = "media")
    private EntityManager em;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    @Resource
    private SessionContext context;

    private final EventBacklog backlog = new EventBacklog(CAPACITY);
    private final OutageLog outage = new OutageLog(LOG, "Storing engine events", "events kept to store when it is back");
    /** One transaction stores at a time, or two would store the same waiting events. */
    private final AtomicBoolean storing = new AtomicBoolean();
    private final EventJournal journal = new EventJournal(journalFile());
    /** Records in the journal: the events waiting, and once the backlog is full the oldest it dropped. */
    private int journalRecords;
    /** The newest event in the journal: those after it in the backlog are not in it yet. */
    private MediaEvent lastJournaled;
    private boolean journalFailing;

    static Path journalFile() {
        String configured = System.getProperty(JOURNAL_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir")), JOURNAL_FILE);
    }

    /** Takes back what an earlier run kept, to store with the first event or timer round. */
    @PostConstruct
    void reload() {
        try {
            EventJournal.Kept kept = journal.read();
            kept.events().forEach(backlog::add);
            synchronized (this) {
                journalRecords = kept.events().size() + (kept.unreadBytes() > 0 ? 1 : 0);
            }
            if (!kept.events().isEmpty() || kept.unreadBytes() > 0) {
                LOG.info(kept.events().size() + " engine events kept while PostgreSQL was down are read back from "
                        + journal.file() + " to store" + (kept.unreadBytes() > 0
                        ? "; " + kept.unreadBytes() + " bytes after them are not a whole event and are dropped" : ""));
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "The engine events kept in " + journal.file() + " cannot be read: they are not stored", e);
        }
        syncJournal(); // rewritten whole: a cut-short tail must not hide the records appended after it
    }

    public void store(MediaEvent event) {
        backlog.add(event);
        storeWaiting(true);
    }

    /** Events kept by an outage are stored once PostgreSQL is back, without waiting for a new event. */
    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false, info = "engine events waiting to be stored")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void retryWaiting() {
        if (backlog.size() > 0) {
            context.getBusinessObject(EventStore.class).storeWaiting();
        }
    }

    /** What waits, in a transaction of its own: a failure rolls it back without troubling the timer service. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void storeWaiting() {
        storeWaiting(false);
    }

    /**
     * Stores what waits in the current transaction. A call that finds another one under way leaves
     * the events to it or to the next (at most the timer's 5 s).
     */
    private void storeWaiting(boolean delivery) {
        if (!storing.compareAndSet(false, true)) {
            return;
        }
        boolean handedOver = false;
        try {
            List<MediaEvent> pending = backlog.pending();
            if (pending.isEmpty()) {
                return;
            }
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
                    outage.failed(e, delivery ? 1 : 0);
                    journalWaiting();
                } else {
                    // Not an outage: retrying would fail the same way and hold back every later event.
                    backlog.stored(pending);
                    syncJournal();
                    LOG.log(Level.WARNING, pending.size() + " engine events not stored (" + pending.get(pending.size() - 1).type() + ")", e);
                }
                return;
            }
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    try {
                        if (status == Status.STATUS_COMMITTED) {
                            backlog.stored(pending);
                            syncJournal();
                            outage.succeeded(pending.size() > 1 ? "; " + pending.size() + " events stored now"
                                    + (droppedBefore > 0 ? ", " + droppedBefore + " dropped since the start (backlog full)" : "") : "");
                        } else {
                            outage.failed(new IllegalStateException("the event transaction did not commit (status " + status + ")"), 0);
                            journalWaiting();
                        }
                    } finally {
                        storing.set(false);
                    }
                }
            });
            handedOver = true;
        } finally {
            if (!handedOver) {
                storing.set(false);
            }
        }
    }

    /** Adds the waiting events that are not in the journal yet: they follow those that are. */
    private synchronized void journalWaiting() {
        List<MediaEvent> waiting = backlog.pending();
        int from = 0;
        for (int i = waiting.size() - 1; i >= 0; i--) {
            if (waiting.get(i) == lastJournaled) { // identity: this very event, not an equal one
                from = i + 1;
                break;
            }
        }
        if (from == waiting.size()) {
            return;
        }
        try {
            if (journalRecords + waiting.size() - from > 2 * CAPACITY) { // the backlog dropped its oldest: the journal follows
                journal.rewrite(waiting);
                journalRecords = waiting.size();
            } else {
                journal.append(waiting.subList(from, waiting.size()));
                journalRecords += waiting.size() - from;
            }
            lastJournaled = waiting.get(waiting.size() - 1);
            journalWorks();
        } catch (IOException e) {
            journalFailed(e);
        }
    }

    /** Makes the journal what the backlog holds, once events have left it. */
    private synchronized void syncJournal() {
        if (journalRecords == 0) {
            return;
        }
        try {
            List<MediaEvent> waiting = backlog.pending();
            journal.rewrite(waiting);
            journalRecords = waiting.size();
            lastJournaled = waiting.isEmpty() ? null : waiting.get(waiting.size() - 1);
            journalWorks();
        } catch (IOException e) {
            journalFailed(e);
        }
    }

    private void journalWorks() {
        if (journalFailing) {
            journalFailing = false;
            LOG.info("Writing the journal of waiting engine events " + journal.file() + " works again");
        }
    }

    private void journalFailed(IOException e) {
        if (!journalFailing) {
            journalFailing = true;
            LOG.log(Level.WARNING, "The journal of waiting engine events " + journal.file()
                    + " cannot be written: the events wait in memory only, and a restart now would lose them", e);
        }
    }
}
