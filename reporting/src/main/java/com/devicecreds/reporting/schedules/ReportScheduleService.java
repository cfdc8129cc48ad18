package com.devicecreds.reporting.schedules;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.Actor;
import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditRecord;
import com.devicecreds.reporting.contacts.OperatorContact;
import com.devicecreds.reporting.export.ExportFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Scheduled reports of an operator: listed, created, changed, enabled or disabled and deleted by
 * administrators, PKI operations and project managers for any operator, and by operator staff for
 * their own only. Every change is audited once (REPORT_SCHEDULE_CHANGED, old and new values), a
 * change of another operator's schedule as denied. See docs/decisions/017-scheduled-reports.md.
 */
@Service
public class ReportScheduleService {

    private static final int MAX_PAGE = 200;

    private final ReportSchedules schedules;
    private final JdbcClient jdbc;
    private final CurrentActor currentActor;
    private final AuditLog auditLog;

    ReportScheduleService(ReportSchedules schedules, JdbcClient jdbc, CurrentActor currentActor, AuditLog auditLog) {
        this.schedules = schedules;
        this.jdbc = jdbc;
        this.currentActor = currentActor;
        this.auditLog = auditLog;
    }

    /** The operator's schedules; empty for an operator the caller may not manage. */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.ADMIN})
    @Transactional(readOnly = true)
    public List<ReportSchedule> schedules(OperatorRef operator) {
        return currentActor.scope().permits(operator.id()) ? schedules.ofOperator(operator.id()) : List.of();
    }

    /** One schedule, when the caller may manage its operator. */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.ADMIN})
    @Transactional(readOnly = true)
    public Optional<ReportSchedule> schedule(long id) {
        var scope = currentActor.scope();
        return schedules.find(id).filter(s -> scope.permits(s.operator().id()));
    }

    /** A page of a schedule's delivery history, newest first; empty for a schedule the caller may not manage. */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.ADMIN})
    @Transactional(readOnly = true)
    public List<Delivery> deliveries(long scheduleId, int offset, int limit) {
        if (schedule(scheduleId).isEmpty()) {
            return List.of();
        }
        return schedules.deliveries(scheduleId, Math.max(offset, 0), Math.clamp(limit, 0, MAX_PAGE));
    }

    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.ADMIN})
    @Transactional
    public ScheduleChange create(ScheduleDraft draft) {
        var actor = currentActor.actor();
        var record = record(actor, "operator/" + draft.operator().code() + "/schedule/new").withDetail("change", "created");
        if (!currentActor.scope().permits(draft.operator().id())) {
            return denied(record);
        }
        var problem = problem(draft);
        if (problem.isPresent()) {
            return new ScheduleChange.Refused(problem.get());
        }
        long id = schedules.insert(draft, actor.username());
        var saved = schedules.find(id).orElseThrow();
        auditLog.record(new AuditRecord(actor, record.action(), record.outcome(), target(saved), record.details())
                .withDetail("new", describe(saved)));
        return new ScheduleChange.Saved(saved);
    }

    /** Replaces a schedule's settings (its operator stays); a new timing or re-enabling restarts when runs are due. */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.ADMIN})
    @Transactional
    public ScheduleChange update(long id, ScheduleDraft draft) {
        var actor = currentActor.actor();
        schedules.lock(id);
        var old = schedules.find(id);
        if (old.isEmpty()) {
            return unknown(actor, id, "changed");
        }
        var before = old.get();
        boolean onlyEnabled = before.report() == draft.report() && before.format() == draft.format()
                && before.timing().equals(draft.timing())
                && before.enabled() != draft.enabled()
                && before.recipients().stream().map(OperatorContact::id).collect(Collectors.toSet()).equals(draft.recipients());
        var record = record(actor, target(before))
                .withDetail("change", onlyEnabled ? (draft.enabled() ? "enabled" : "disabled") : "changed");
        if (!currentActor.scope().permits(before.operator().id()) || before.operator().id() != draft.operator().id()) {
            return denied(record);
        }
        var problem = problem(draft);
        if (problem.isPresent()) {
            return new ScheduleChange.Refused(problem.get());
        }
        boolean restart = !before.timing().equals(draft.timing()) || (!before.enabled() && draft.enabled());
        schedules.update(id, draft, actor.username(), restart);
        var saved = schedules.find(id).orElseThrow();
        auditLog.record(record.withDetail("old", describe(before)).withDetail("new", describe(saved)));
        return new ScheduleChange.Saved(saved);
    }

    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.ADMIN})
    @Transactional
    public ScheduleChange setEnabled(long id, boolean enabled) {
        var old = schedules.find(id);
        if (old.isEmpty()) {
            return unknown(currentActor.actor(), id, enabled ? "enabled" : "disabled");
        }
        var s = old.get();
        return update(id, new ScheduleDraft(s.operator(), s.report(), s.timing(), enabled,
                s.recipients().stream().map(OperatorContact::id).collect(Collectors.toSet()), s.format()));
    }

    /** Deletes a schedule and its delivery history; false when there is no such schedule the caller may manage. */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.ADMIN})
    @Transactional
    public boolean delete(long id) {
        var actor = currentActor.actor();
        schedules.lock(id);
        var old = schedules.find(id);
        if (old.isEmpty()) {
            unknown(actor, id, "deleted");
            return false;
        }
        var record = record(actor, target(old.get())).withDetail("change", "deleted");
        if (!currentActor.scope().permits(old.get().operator().id())) {
            denied(record);
            return false;
        }
        schedules.delete(id);
        auditLog.record(record.withDetail("old", describe(old.get())));
        return true;
    }

    private Optional<String> problem(ScheduleDraft draft) {
        if (draft.recipients().isEmpty() && draft.enabled()) {
            return Optional.of("Choose at least one recipient: a schedule without recipients would send its report to nobody.");
        }
        long ofOperator = jdbc.sql("select count(*) from operator_contact where operator_id = ? and id = any(?)")
                .params(draft.operator().id(), draft.recipients().toArray(Long[]::new)).query(Long.class).single();
        if (ofOperator != draft.recipients().size()) {
            return Optional.of("Recipients must be contacts of " + draft.operator().code()
                    + "; a contact of another operator (or one removed meanwhile) cannot receive its reports.");
        }
        return Optional.empty();
    }

    /**
     * No such schedule, or one of another operator that the database does not show this caller
     * (row-level security): refused and audited either way, without naming an operator.
     */
    private ScheduleChange unknown(Actor actor, long id, String change) {
        auditLog.record(AuditRecord.of(actor, AuditAction.REPORT_SCHEDULE_CHANGED, AuditOutcome.DENIED, "schedule/" + id)
                .withDetail("change", change));
        return new ScheduleChange.Refused("There is no schedule " + id + " for you to manage.");
    }

    private ScheduleChange denied(AuditRecord record) {
        auditLog.record(new AuditRecord(record.actor(), record.action(), AuditOutcome.DENIED, record.target(), record.details()));
        return new ScheduleChange.Refused("You can only manage the scheduled reports of your own operator.");
    }

    private static AuditRecord record(Actor actor, String target) {
        return AuditRecord.of(actor, AuditAction.REPORT_SCHEDULE_CHANGED, AuditOutcome.SUCCESS, target);
    }

    private static String target(ReportSchedule s) {
        return "operator/" + s.operator().code() + "/schedule/" + s.id();
    }

    /** One line with everything a change can touch, for the audit trail's old and new values. */
    static String describe(ReportSchedule s) {
        return s.title() + (s.format() == ExportFormat.CSV ? " as CSV" : "") + ", " + s.timing().describe() + ", "
                + (s.enabled() ? "enabled" : "disabled") + ", to "
                + s.recipients().stream().map(OperatorContact::email).sorted().collect(Collectors.joining(" "));
    }
}
