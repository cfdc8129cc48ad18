package com.devicecreds.inventory.alert;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.OperatorScope;
import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Inventory alerts for people. Operator staff see the alerts of their own pools (and of the shared
 * pools authorized for their operator); only PKI operations acknowledge and snooze, audited.
 */
@Service
@Transactional(readOnly = true)
public class AlertService {

    private static final String IN_SCOPE = """
             and (cast(:operatorId as smallint) is null
                  or t.owner_operator_id = :operatorId
                  or (t.owner_operator_id is null and exists (
                        select 1 from type_authorization z
                        where z.credential_type_id = t.id and z.operator_id = :operatorId
                          and z.revoked_at is null)))
            """;

    private final JdbcClient jdbc;
    private final CurrentActor currentActor;
    private final AuditLog auditLog;
    private final Clock clock;

    AlertService(JdbcClient jdbc, CurrentActor currentActor, AuditLog auditLog, Clock clock) {
        this.jdbc = jdbc;
        this.currentActor = currentActor;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** Unresolved alerts of the caller's pools, newest first. */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
    public List<InventoryAlert> openAlerts() {
        return query(" where a.resolved_at is null", null, currentActor.scope());
    }

    /** The last 100 alerts of one pool, newest first; empty when the pool is not the caller's. */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
    public List<InventoryAlert> alertsOf(int credentialTypeId) {
        return query(" where a.credential_type_id = :type", credentialTypeId, currentActor.scope());
    }

    /** Acknowledges an open alert: someone is on it. Empty when there is no such open alert. */
    @RolesAllowed(Roles.PKI_OPS)
    @Transactional
    public Optional<InventoryAlert> acknowledge(long alertId) {
        var actor = currentActor.actor();
        int updated = jdbc.sql("""
                        update inventory_alert set acknowledged_by = ?, acknowledged_at = ?
                        where id = ? and resolved_at is null and acknowledged_at is null""")
                .params(actor.username(), Timestamp.from(clock.instant()), alertId).update();
        audit(AuditAction.ALERT_ACKNOWLEDGED, alertId, updated, "");
        return updated == 0 ? Optional.empty() : byId(alertId);
    }

    /** Snoozes an open alert for a while: it stays open but is not shown as needing attention. */
    @RolesAllowed(Roles.PKI_OPS)
    @Transactional
    public Optional<InventoryAlert> snooze(long alertId, Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("A snooze must last longer than zero");
        }
        var until = clock.instant().plus(duration);
        int updated = jdbc.sql("update inventory_alert set snoozed_until = ? where id = ? and resolved_at is null")
                .params(Timestamp.from(until), alertId).update();
        audit(AuditAction.ALERT_SNOOZED, alertId, updated, "until " + until);
        return updated == 0 ? Optional.empty() : byId(alertId);
    }

    /** Snoozes an open alert until a batch of its type is activated after now. */
    @RolesAllowed(Roles.PKI_OPS)
    @Transactional
    public Optional<InventoryAlert> snoozeUntilNextBatch(long alertId) {
        int updated = jdbc.sql("""
                        update inventory_alert set snoozed_until_next_batch = true, snoozed_at = ?
                        where id = ? and resolved_at is null""")
                .params(Timestamp.from(clock.instant()), alertId).update();
        audit(AuditAction.ALERT_SNOOZED, alertId, updated, "until the next batch");
        return updated == 0 ? Optional.empty() : byId(alertId);
    }

    private void audit(AuditAction action, long alertId, int updated, String until) {
        var record = AuditRecord.of(currentActor.actor(), action,
                updated == 0 ? AuditOutcome.FAILED : AuditOutcome.SUCCESS, "inventory-alert:" + alertId);
        auditLog.record(until.isEmpty() ? record : record.withDetail("until", until));
    }

    private Optional<InventoryAlert> byId(long alertId) {
        return jdbc.sql(AlertStore.SELECT_ALERT + " where a.id = ?").param(alertId).query(AlertStore::alert).optional();
    }

    private List<InventoryAlert> query(String where, Integer type, OperatorScope scope) {
        return jdbc.sql(AlertStore.SELECT_ALERT + where + IN_SCOPE + " order by a.raised_at desc, a.id desc limit 100")
                .param("operatorId", scope.operatorIdOrNull())
                .param("type", type)
                .query(AlertStore::alert).list();
    }
}
