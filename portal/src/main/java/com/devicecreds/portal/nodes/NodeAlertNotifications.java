package com.devicecreds.portal.nodes;

import com.devicecreds.portal.notification.NotificationService;
import com.devicecreds.reporting.nodes.NodeAlert;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Turns server node alerts into notifications for PKI operations and administrators, in-app and by
 * e-mail to the PKI operations list, committed with the alert (through the outbox).
 */
@Component
class NodeAlertNotifications {

    static final String RAISED = "node-alert-raised";
    static final String RESOLVED = "node-alert-resolved";

    private final NotificationService notifications;

    NodeAlertNotifications(NotificationService notifications) {
        this.notifications = notifications;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(NodeAlert.Raised raised) {
        var alert = raised.alert();
        String title = alert.kind().equals("silent") ? alert.node() + " is silent"
                : alert.node() + ": rejection spike";
        publish(RAISED, alert, title);
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(NodeAlert.Resolved resolved) {
        var alert = resolved.alert();
        publish(RESOLVED, alert, alert.node() + (alert.kind().equals("silent") ? " is back" : ": rejections back to usual"));
    }

    private void publish(String kind, NodeAlert alert, String title) {
        notifications.publishToPkiOperations(title, alert.summary(), NodeHealthView.ROUTE, kind, Long.toString(alert.id()));
    }
}
