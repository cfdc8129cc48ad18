package com.devicecreds.portal.rollout;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.devicecreds.access.Actor;
import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditRecord;
import com.devicecreds.portal.PortalProperties;
import com.devicecreds.portal.notification.NotificationRequest;
import com.devicecreds.portal.notification.NotificationService;
import com.devicecreds.reporting.rollout.RolloutApproved;
import com.devicecreds.reporting.rollout.RolloutGoAhead;
import com.devicecreds.reporting.rollout.RolloutGoAhead.GoAhead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells a rollout's project manager and its operator's contacts to go ahead once the rollout is
 * approved and its credentials are live: in the bell (project managers, PKI operations and the
 * operator's staff) and by e-mail through the outbox, with a link to the rollout where the go-ahead
 * is acknowledged. Recording the go-ahead, the notification and its e-mails commit together; the
 * rollout's row lock and the notification's unique source make it once per rollout on any number of
 * nodes. Runs right after an approval and after every batch activation run.
 */
@Component
public class GoAheadNotifications {

    public static final String SOURCE_KIND = "rollout-go-ahead";
    private static final Logger log = LoggerFactory.getLogger(GoAheadNotifications.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final RolloutGoAhead goAhead;
    private final NotificationService notifications;
    private final AuditLog auditLog;
    private final PortalProperties.Notifications settings;
    private final TransactionTemplate transaction;

    GoAheadNotifications(RolloutGoAhead goAhead, NotificationService notifications, AuditLog auditLog,
            PortalProperties properties, PlatformTransactionManager transactions) {
        this.goAhead = goAhead;
        this.notifications = notifications;
        this.auditLog = auditLog;
        this.settings = properties.notifications();
        this.transaction = new TransactionTemplate(transactions);
        // Also called after the approver's transaction committed: never join what is left of it.
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Sends every go-ahead due now; returns how many it sent. */
    public int sendDue() {
        int sent = 0;
        for (long id : goAhead.due()) {
            try {
                sent += send(id) ? 1 : 0;
            } catch (RuntimeException e) {
                log.error("The go-ahead of rollout {} failed; the next run tries again", id, e);
            }
        }
        return sent;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(RolloutApproved approved) {
        try {
            send(approved.rolloutId());
        } catch (RuntimeException e) {
            log.warn("The go-ahead of rollout {} was not sent at its approval; the next run sends it", approved.rolloutId(), e);
        }
    }

    /** Sends one rollout's go-ahead if it is due; whether this call sent it. */
    boolean send(long rolloutId) {
        Optional<GoAhead> told = transaction.execute(status -> goAhead.claim(rolloutId).map(g -> {
            publish(g);
            return g;
        }));
        if (told == null || told.isEmpty()) {
            return false;
        }
        var rollout = told.get().rollout();
        auditLog.record(AuditRecord.of(Actor.SYSTEM, AuditAction.ROLLOUT_GO_AHEAD_SENT, AuditOutcome.SUCCESS,
                        "rollout:" + rollout.id())
                .withDetail("operator", rollout.operator().code()).withDetail("recipients", told.get().recipients()));
        log.info("Go-ahead of rollout {} ({}) sent to {}", rollout.id(), rollout.name(), told.get().recipients());
        return true;
    }

    private void publish(GoAhead told) {
        var rollout = told.rollout();
        String route = RolloutView.route(rollout.id());
        String body = """
                The credentials of rollout "%s" are loaded and live: go ahead.

                Operator:        %s
                Credential type: %s
                Target devices:  %,d
                Window:          %s to %s
                Available now:   %,d credentials

                Devices of the operator can now be updated to ask for their credentials. Please acknowledge the
                go-ahead on the rollout's page, where its progress is shown day by day:
                %s""".formatted(rollout.name(), rollout.operatorName(), rollout.typeName(), rollout.targetDevices(),
                DAY.format(rollout.windowStart()), DAY.format(rollout.windowEnd()), rollout.facts().available(),
                settings.link(route));
        notifications.publish(new NotificationRequest("Go ahead: " + rollout.name(), body, Optional.of(route),
                Set.of(Roles.PROJECT_MANAGER, Roles.PKI_OPS, Roles.OPERATOR_STAFF), Optional.of(rollout.operator()),
                SOURCE_KIND, Long.toString(rollout.id()), told.recipients()));
    }
}
