package org.openstreamer.ejb.sync;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.openstreamer.ejb.service.ConfigChanged;

/**
 * Turns the {@link ConfigChanged} events of one transaction into one push of the stored state to
 * the media engine, after that transaction commits (never after a rollback). A transaction that
 * stores many changes (an import of thousands of streams) thus costs one push, not one per
 * change; each push reads the whole configuration, so one per change would grow with the square
 * of the import. A change made outside any transaction is pushed at once.
 */
@ApplicationScoped
public class EngineSyncTrigger {

    private static final Object PENDING = EngineSyncTrigger.class;

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    private TransactionSynchronizationRegistry transactions;

    @EJB
    private EngineSync engine;

    /** Called inside the transaction that fired {@code change}. */
    void onChange(@Observes ConfigChanged change) {
        if (transactions.getTransactionKey() == null || transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            engine.push();
            return;
        }
        if (transactions.getResource(PENDING) != null) {
            return;
        }
        transactions.putResource(PENDING, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to do before the commit
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    engine.push();
                }
            }
        });
    }
}
