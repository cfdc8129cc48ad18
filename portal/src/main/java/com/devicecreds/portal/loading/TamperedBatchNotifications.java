package com.devicecreds.portal.loading;

import com.devicecreds.inventory.loading.approval.BatchActivationRefused;
import com.devicecreds.portal.notification.NotificationService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A batch refused at activation because its stored rows, manifest or approvals changed after
 * staging is an incident: PKI operations and administrators hear of it in the bell and by e-mail,
 * committed with the batch's tampered mark (docs/decisions/026-activation-bound-to-stored-data.md).
 */
@Component
class TamperedBatchNotifications {

    static final String KIND = "batch-activation-refused";

    private final NotificationService notifications;

    TamperedBatchNotifications(NotificationService notifications) {
        this.notifications = notifications;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(BatchActivationRefused refused) {
        notifications.publishToPkiOperations("Credential batch " + refused.batchRef() + " refused at activation",
                "The stored batch no longer matches what was sealed at upload and approved (" + refused.verdict()
                        + "). Nothing became available; the batch is marked tampered. Investigate who changed the database.",
                ApprovalInboxView.ROUTE + "/" + refused.batchId(), KIND, Long.toString(refused.batchId()));
    }
}
