package org.openstreamer.ejb.events;

import jakarta.ejb.SessionContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.MediaEventType;
import org.openstreamer.ejb.model.EventRecord;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link EventStore} with a stand-in database: what an outage keeps survives a restart of the server. */
class EventStoreRestartTest {

    @TempDir
    Path dir;
    private Path journal;

    /** A database that stores event types, or is down; and the transaction of one delivery. */
    private static final class Database {
        final List<String> stored = new ArrayList<>();
        /** Persisted in the open transaction: stored at its commit. */
        final List<String> written = new ArrayList<>();
        boolean down;
        Synchronization pending;

        EntityManager em() {
            Query query = (Query) Proxy.newProxyInstance(Query.class.getClassLoader(), new Class<?>[]{Query.class},
                    (p, m, args) -> m.getName().equals("executeUpdate") ? 1 : p);
            return (EntityManager) Proxy.newProxyInstance(EntityManager.class.getClassLoader(),
                    new Class<?>[]{EntityManager.class}, (p, m, args) -> switch (m.getName()) {
                        case "persist" -> {
                            if (down) {
                                throw new PersistenceException(new SQLTransientConnectionException("connection refused"));
                            }
                            written.add(((EventRecord) args[0]).getType());
                            yield null;
                        }
                        case "createNativeQuery" -> query;
                        case "flush" -> null;
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }

        TransactionSynchronizationRegistry transactions() {
            return (TransactionSynchronizationRegistry) Proxy.newProxyInstance(
                    TransactionSynchronizationRegistry.class.getClassLoader(),
                    new Class<?>[]{TransactionSynchronizationRegistry.class}, (p, m, args) -> {
                        if (m.getName().equals("registerInterposedSynchronization")) {
                            pending = (Synchronization) args[0];
                        } else if (m.getName().equals("setRollbackOnly")) {
                            written.clear();
                        }
                        return null;
                    });
        }

        /** The delivery's transaction ends: committed when it registered its synchronization. */
        void commit() {
            end(Status.STATUS_COMMITTED);
        }

        /** It ends rolled back instead (PostgreSQL went away at the commit). */
        void rollback() {
            end(Status.STATUS_ROLLEDBACK);
        }

        private void end(int status) {
            if (status == Status.STATUS_COMMITTED) {
                stored.addAll(written);
            }
            written.clear();
            if (pending != null) {
                Synchronization s = pending;
                pending = null;
                s.afterCompletion(status);
            }
        }
    }

    @BeforeEach
    void journalInTempDir() {
        journal = dir.resolve("data/events.bin");
        System.setProperty(EventStore.JOURNAL_PROPERTY, journal.toString());
    }

    @AfterEach
    void clearProperty() {
        System.clearProperty(EventStore.JOURNAL_PROPERTY);
    }

    private static EventStore start(Database db) throws ReflectiveOperationException {
        EventStore store = new EventStore();
        set(store, "em", db.em());
        set(store, "transactions", db.transactions());
        set(store, "context", Proxy.newProxyInstance(SessionContext.class.getClassLoader(),
                new Class<?>[]{SessionContext.class}, (p, m, args) -> {
                    if (m.getName().equals("getBusinessObject")) {
                        return store; // the timer's call, without the container's new transaction
                    }
                    throw new UnsupportedOperationException(m.getName());
                }));
        store.reload();
        return store;
    }

    private static void set(Object target, String field, Object value) throws ReflectiveOperationException {
        Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }

    private static void deliver(EventStore store, Database db, MediaEventType type) {
        store.store(event(type));
        db.commit();
    }

    private static MediaEvent event(MediaEventType type) {
        return MediaEvent.of(type, "cam1", Map.of("protocol", "srt", "peer", "127.0.0.1:4000"));
    }

    @Test
    void eventsKeptDuringAnOutageAreStoredInOrderAfterARestart() throws Exception {
        Database before = new Database();
        EventStore first = start(before);
        deliver(first, before, MediaEventType.PUBLISH_STARTED);
        assertFalse(Files.exists(journal), "no journal while the database answers");

        before.down = true;
        deliver(first, before, MediaEventType.PUBLISH_STOPPED);
        deliver(first, before, MediaEventType.PLAY_STOPPED);
        assertTrue(Files.exists(journal));

        Database after = new Database(); // the server restarted, PostgreSQL is back
        EventStore second = start(after);
        deliver(second, after, MediaEventType.ENGINE_STARTED);

        assertEquals(List.of("publish_started"), before.stored);
        assertEquals(List.of("publish_stopped", "play_stopped", "engine_started"), after.stored);
        assertFalse(Files.exists(journal), "the journal goes once what it kept is stored");
    }

    @Test
    void theJournalFollowsTheBacklogWhenTheOutageEndsWithoutARestart() throws Exception {
        Database db = new Database();
        EventStore store = start(db);
        db.down = true;
        deliver(store, db, MediaEventType.PUBLISH_STOPPED);
        assertTrue(Files.exists(journal));

        db.down = false;
        deliver(store, db, MediaEventType.PUBLISH_STARTED);

        assertEquals(List.of("publish_stopped", "publish_started"), db.stored);
        assertFalse(Files.exists(journal));
        Database later = new Database();
        deliver(start(later), later, MediaEventType.ENGINE_STARTED);
        assertEquals(List.of("engine_started"), later.stored, "nothing stored twice after a restart");
    }

    @Test
    void aJournalCutShortByACrashGivesBackItsWholeEvents() throws Exception {
        Database db = new Database();
        EventStore store = start(db);
        db.down = true;
        deliver(store, db, MediaEventType.PUBLISH_STOPPED);
        deliver(store, db, MediaEventType.PLAY_STOPPED);
        byte[] bytes = Files.readAllBytes(journal);
        Files.write(journal, java.util.Arrays.copyOf(bytes, bytes.length - 3)); // killed mid-append

        Database after = new Database();
        EventStore restarted = start(after);
        after.down = true; // and PostgreSQL is still down: a new event goes after the whole ones
        deliver(restarted, after, MediaEventType.ENGINE_STARTED);
        Database last = new Database();
        deliver(start(last), last, MediaEventType.PUBLISH_STARTED);

        assertEquals(List.of("publish_stopped", "engine_started", "publish_started"), last.stored);
    }

    @Test
    void theTimerStoresWhatWaitsOnceTheDatabaseIsBackWithoutANewEvent() throws Exception {
        Database db = new Database();
        EventStore store = start(db);
        db.down = true;
        deliver(store, db, MediaEventType.PUBLISH_STOPPED);
        store.retryWaiting(); // still down: kept
        db.commit();
        assertEquals(List.of(), db.stored);

        db.down = false;
        store.retryWaiting();
        db.commit();

        assertEquals(List.of("publish_stopped"), db.stored);
        assertFalse(Files.exists(journal));
    }

    @Test
    void anEventDeliveredWhileAnotherIsStoredWaitsForTheNextRoundAndIsNotStoredTwice() throws Exception {
        Database db = new Database();
        EventStore store = start(db);
        store.store(event(MediaEventType.PUBLISH_STARTED)); // its transaction is still open
        store.store(event(MediaEventType.PLAY_STARTED));
        db.commit();
        assertEquals(List.of("publish_started"), db.stored);

        store.retryWaiting();
        db.commit();
        store.retryWaiting(); // nothing waits now
        db.commit();

        assertEquals(List.of("publish_started", "play_started"), db.stored);
    }

    @Test
    void aCommitThatFailsKeepsEveryWaitingEventInTheJournal() throws Exception {
        Database db = new Database();
        EventStore store = start(db);
        store.store(event(MediaEventType.PUBLISH_STOPPED));
        store.store(event(MediaEventType.PLAY_STOPPED)); // waits behind the open transaction
        db.rollback(); // PostgreSQL went away at the commit

        Database after = new Database(); // restarted
        deliver(start(after), after, MediaEventType.ENGINE_STARTED);

        assertEquals(List.of("publish_stopped", "play_stopped", "engine_started"), after.stored);
    }
}
