package com.devicecreds.portal.notification;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.Roles;
import com.devicecreds.inventory.alert.PoolAlertRaised;
import com.devicecreds.inventory.alert.PoolAlertResolved;
import com.devicecreds.portal.PortalProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Turns inventory alerts into notifications. Runs before the alert's transaction commits and
 * writes in it, so an alert, its notification and its e-mails commit together or not at all.
 */
@Component
class PoolAlertNotifications {

    static final String RAISED = "pool-alert-raised";
    static final String RESOLVED = "pool-alert-resolved";

    private final NotificationService notifications;
    private final JdbcClient jdbc;
    private final List<String> pkiOpsAddresses;

    PoolAlertNotifications(NotificationService notifications, JdbcClient jdbc, PortalProperties properties) {
        this.notifications = notifications;
        this.jdbc = jdbc;
        this.pkiOpsAddresses = properties.notifications().pkiOpsAddresses();
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(PoolAlertRaised alert) {
        String title = alert.kind() == com.devicecreds.inventory.alert.AlertKind.RUNWAY
                ? "%s: runway below the key-generation lead time".formatted(alert.poolName())
                : "%s is %s".formatted(alert.poolName(), alert.level().name().toLowerCase(java.util.Locale.ROOT));
        publish(RAISED, alert.alertId(), alert.credentialTypeId(), alert.operator(), title,
                alert.summary() + "\n\nAvailable credentials: " + alert.available());
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(PoolAlertResolved alert) {
        publish(RESOLVED, alert.alertId(), alert.credentialTypeId(), alert.operator(),
                "%s: resolved".formatted(alert.poolName()), alert.summary());
    }

    private void publish(String kind, long alertId, int credentialTypeId, Optional<OperatorRef> operator,
            String title, String body) {
        Set<String> audience = new HashSet<>(Set.of(Roles.PKI_OPS, Roles.PROJECT_MANAGER));
        operator.ifPresent(o -> audience.add(Roles.OPERATOR_STAFF));
        List<String> mailTo = new ArrayList<>(pkiOpsAddresses);
        mailTo.addAll(subscribers(credentialTypeId));
        // The notification opens the pool it is about.
        notifications.publish(new NotificationRequest(title, body, Optional.of("inventory/" + credentialTypeId),
                audience, operator, kind, Long.toString(alertId), mailTo));
    }

    private List<String> subscribers(int credentialTypeId) {
        return jdbc.sql("select email from pool_subscription where credential_type_id = ? order by email")
                .param(credentialTypeId).query(String.class).list();
    }
}
