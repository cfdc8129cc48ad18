package com.devicecreds.audit;

import jakarta.annotation.security.PermitAll;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.audit.internal.AuditWriter;
import org.springframework.stereotype.Service;

/**
 * The one way to record an action. Each record is written in a transaction of its own, so it
 * survives a rollback of the business transaction that caused it (a denied or failed attempt is
 * recorded just the same), and is hash-chained to the row before it.
 */
@Service
public class AuditLog {

    private final AuditWriter writer;
    private final CurrentActor currentActor;

    AuditLog(AuditWriter writer, CurrentActor currentActor) {
        this.writer = writer;
        this.currentActor = currentActor;
    }

    /** Records an action. Anyone may: failed sign-ins are recorded before anybody is authenticated. */
    @PermitAll
    public AuditReceipt record(AuditRecord record) {
        return writer.append(record);
    }

    /** Records an action of the current actor. */
    @PermitAll
    public AuditReceipt record(AuditAction action, AuditOutcome outcome, String target) {
        return writer.append(AuditRecord.of(currentActor.actor(), action, outcome, target));
    }

    /**
     * Records a successful change once the caller's transaction commits, so that a rolled-back change
     * leaves no record claiming it happened; at once when there is no transaction.
     */
    @PermitAll
    public void recordAfterCommit(AuditRecord record) {
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            writer.append(record);
                        }
                    });
        } else {
            writer.append(record);
        }
    }
}
