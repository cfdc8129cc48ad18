package com.devicecreds.portal.deviceca;

import com.devicecreds.portal.notification.NotificationService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/** Device CA alerts to PKI operations and administrators, in-app and by e-mail, committed with the alert (through the outbox). */
@Component
class DeviceCaAlertNotifications {

    static final String RAISED = "device-ca-alert-raised";
    static final String RESOLVED = "device-ca-alert-resolved";

    private final NotificationService notifications;

    DeviceCaAlertNotifications(NotificationService notifications) {
        this.notifications = notifications;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(DeviceCaAlert.Raised raised) {
        var alert = raised.alert();
        publish(RAISED, alert, (alert.kind().equals(DeviceCaMonitor.EXPIRING) ? "Device CA expiring" : "Device CA revocation list stale")
                + " (" + alert.operatorCode() + ")", alert.summary());
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(DeviceCaAlert.Resolved resolved) {
        var alert = resolved.alert();
        publish(RESOLVED, alert, (alert.kind().equals(DeviceCaMonitor.EXPIRING) ? "Device CA expiry resolved"
                : "Device CA revocation list renewed") + " (" + alert.operatorCode() + ")", "Resolved: " + alert.summary());
    }

    private void publish(String kind, DeviceCaAlert alert, String title, String body) {
        notifications.publishToPkiOperations(title, body, DeviceCasView.ROUTE, kind, Long.toString(alert.id()));
    }
}
