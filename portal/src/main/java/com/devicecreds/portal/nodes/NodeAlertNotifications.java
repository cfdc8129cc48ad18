package com.devicecreds.portal.nodes;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.devicecreds.access.Roles;
import com.devicecreds.portal.PortalProperties;
import com.devicecreds.portal.notification.NotificationRequest;
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
    private final List<String> pkiOpsAddresses;

    NodeAlertNotifications(NotificationService notifications, PortalProperties properties) {
        this.notifications = notifications;
        this.pkiOpsAddresses = properties.notifications().pkiOpsAddresses();
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
        notifications.publish(new NotificationRequest(title, alert.summary(), Optional.of(NodeHealthView.ROUTE),
                Set.of(Roles.PKI_OPS, Roles.ADMIN), Optional.empty(), kind, Long.toString(alert.id()), pkiOpsAddresses));
    }
}
