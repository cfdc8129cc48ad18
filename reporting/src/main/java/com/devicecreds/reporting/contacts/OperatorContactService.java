package com.devicecreds.reporting.contacts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The e-mail contacts of an operator (migration V33). Administrators, PKI operations and project
 * managers manage every operator's contacts; operator staff their own operator's only (the scope
 * comes from the signed-in user and fails closed). Adding and removing are audited.
 */
@Service
public class OperatorContactService {

    private final JdbcClient jdbc;
    private final CurrentActor currentActor;
    private final AuditLog auditLog;

    OperatorContactService(JdbcClient jdbc, CurrentActor currentActor, AuditLog auditLog) {
        this.jdbc = jdbc;
        this.currentActor = currentActor;
        this.auditLog = auditLog;
    }

    /** The operator's contacts by name; empty for an operator the caller may not manage. */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.ADMIN})
    @Transactional(readOnly = true)
    public List<OperatorContact> contacts(OperatorRef operator) {
        if (!currentActor.scope().permits(operator.id())) {
            return List.of();
        }
        return jdbc.sql("select * from operator_contact where operator_id = ? order by lower(name), email")
                .param(operator.id()).query(OperatorContactService::contact).list();
    }

    /** Adds a contact; a bad name or address, a duplicate or another operator's scope is refused with a message. */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.ADMIN})
    @Transactional
    public ContactChange add(OperatorRef operator, String name, String email) {
        var actor = currentActor.actor();
        String cleanName = ContactInput.name(name);
        String cleanEmail = ContactInput.email(email);
        var record = AuditRecord.of(actor, AuditAction.OPERATOR_CONTACT_ADDED, AuditOutcome.SUCCESS,
                "operator/" + operator.code() + "/contact/" + cleanEmail);
        if (!currentActor.scope().permits(operator.id())) {
            auditLog.record(new AuditRecord(actor, record.action(), AuditOutcome.DENIED, record.target(), record.details()));
            return new ContactChange.Refused("You can only manage the contacts of your own operator.");
        }
        var problem = ContactInput.problem(cleanName, cleanEmail);
        if (problem.isPresent()) {
            return new ContactChange.Refused(problem.get());
        }
        boolean known = jdbc.sql("select count(*) from operator where id = ?").param(operator.id()).query(Long.class).single() > 0;
        if (!known) {
            return new ContactChange.Refused("Operator " + operator.code() + " does not exist.");
        }
        Optional<OperatorContact> added = jdbc.sql("""
                        insert into operator_contact (operator_id, name, email, created_by) values (?, ?, ?, ?)
                        on conflict (operator_id, email) do nothing returning *""")
                .params(operator.id(), cleanName, cleanEmail, actor.username())
                .query(OperatorContactService::contact).optional();
        if (added.isEmpty()) {
            return new ContactChange.Refused(cleanEmail + " is already a contact of " + operator.code() + ".");
        }
        auditLog.record(record.withDetail("name", cleanName).withDetail("contact", added.get().id()));
        return new ContactChange.Added(added.get());
    }

    /**
     * Removes a contact, and with it from the operator's report schedules. Returns false when there is
     * no such contact the caller may manage (another operator's is audited as denied).
     */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.ADMIN})
    @Transactional
    public boolean remove(long contactId) {
        var actor = currentActor.actor();
        var found = manageable(contactId, AuditAction.OPERATOR_CONTACT_REMOVED);
        if (found.isEmpty()) {
            return false;
        }
        var contact = found.get().contact();
        long schedules = jdbc.sql("select count(*) from report_schedule_recipient where contact_id = ?").param(contactId)
                .query(Long.class).single();
        jdbc.sql("delete from operator_contact where id = ?").param(contactId).update();
        auditLog.record(AuditRecord.of(actor, AuditAction.OPERATOR_CONTACT_REMOVED, AuditOutcome.SUCCESS, found.get().target())
                .withDetail("name", contact.name()).withDetail("schedules", schedules));
        return true;
    }

    /**
     * Sets whether the contact receives the go-ahead of the operator's rollouts (scheduled reports pick
     * their recipients themselves). Returns false when there is no such contact the caller may manage.
     */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.ADMIN})
    @Transactional
    public boolean receiveGoAhead(long contactId, boolean goAhead) {
        var found = manageable(contactId, AuditAction.OPERATOR_CONTACT_CHANGED);
        if (found.isEmpty()) {
            return false;
        }
        if (found.get().contact().goAhead() != goAhead) {
            jdbc.sql("update operator_contact set go_ahead = ? where id = ?").params(goAhead, contactId).update();
            auditLog.record(AuditRecord.of(currentActor.actor(), AuditAction.OPERATOR_CONTACT_CHANGED, AuditOutcome.SUCCESS,
                    found.get().target()).withDetail("goAhead", found.get().contact().goAhead() + " -> " + goAhead));
        }
        return true;
    }

    /**
     * The contact, locked, when the caller may manage it. Otherwise the attempt is audited as denied:
     * by id alone when the database does not show the row to this caller (row-level security) or it
     * does not exist, so that no operator is named.
     */
    private Optional<Found> manageable(long contactId, AuditAction action) {
        var actor = currentActor.actor();
        var found = jdbc.sql("""
                        select c.*, o.code from operator_contact c join operator o on o.id = c.operator_id
                        where c.id = ? for update of c""")
                .param(contactId).query((rs, n) -> new Found(contact(rs, n),
                        "operator/" + rs.getString("code") + "/contact/" + rs.getString("email"))).optional();
        if (found.isEmpty()) {
            auditLog.record(AuditRecord.of(actor, action, AuditOutcome.DENIED, "contact/" + contactId));
            return Optional.empty();
        }
        if (!currentActor.scope().permits(found.get().contact().operatorId())) {
            auditLog.record(AuditRecord.of(actor, action, AuditOutcome.DENIED, found.get().target()));
            return Optional.empty();
        }
        return found;
    }

    private record Found(OperatorContact contact, String target) {
    }

    static OperatorContact contact(ResultSet rs, int row) throws SQLException {
        return new OperatorContact(rs.getLong("id"), rs.getShort("operator_id"), rs.getString("name"), rs.getString("email"),
                rs.getBoolean("go_ahead"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
    }
}
