package com.devicecreds.portal.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.Actor;
import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.Roles;
import com.devicecreds.portal.PortalProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Notifications for people: published by other features inside their own transaction (so the
 * notification and its e-mails commit or roll back with the business change,
 * docs/decisions/009-notification-outbox.md),
 * and read by the signed-in user for their roles and operator.
 */
@Service
public class NotificationService {

    private final JdbcClient jdbc;
    private final CurrentActor currentActor;
    private final MailOutbox outbox;
    private final List<String> pkiOpsAddresses;
    private final ApplicationEventPublisher events;

    NotificationService(JdbcClient jdbc, CurrentActor currentActor, MailOutbox outbox, PortalProperties properties,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
        this.currentActor = currentActor;
        this.outbox = outbox;
        this.pkiOpsAddresses = properties.notifications().pkiOpsAddresses();
    }

    /**
     * Records a notification and queues its e-mails in the caller's transaction, which must exist.
     * Open to every caller because system listeners publish without a user; what is published is
     * decided by the calling feature's own access rules.
     *
     * @return the new notification's id, or empty when this source was already notified
     */
    @PermitAll
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Long> publish(NotificationRequest request) {
        Optional<Long> id = jdbc.sql("""
                        insert into notification (audience_roles, operator_id, title, body, link, source_kind, source_id)
                        values (string_to_array(:roles, ','), :operator, :title, :body, :link, :kind, :source)
                        on conflict (source_kind, source_id) do nothing
                        returning id""")
                .param("roles", String.join(",", request.audienceRoles()))
                .param("operator", request.operator().map(OperatorRef::id).orElse(null))
                .param("title", request.title()).param("body", request.body())
                .param("link", request.link().orElse(null))
                .param("kind", request.sourceKind()).param("source", request.sourceId())
                .query(Long.class).optional();
        id.ifPresent(notification -> {
            request.attachments().forEach(file -> outbox.attach(notification, file));
            request.mailTo().forEach(recipient -> outbox.enqueue(notification, recipient, request.mailSubject(),
                    request.mailBody()));
            // Listeners (webhooks) run now, in this transaction: what they write commits with the notification.
            events.publishEvent(new NotificationPublished(notification, request));
        });
        return id;
    }

    /**
     * Tells PKI operations and administrators, in the bell and by e-mail to the PKI operations list
     * ({@code portal.notifications.pki-ops-addresses}): what the operational alerts (nodes, device CAs) publish.
     */
    @PermitAll
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Long> publishToPkiOperations(String title, String body, String link, String sourceKind, String sourceId) {
        return publish(new NotificationRequest(title, body, Optional.of(link), Set.of(Roles.PKI_OPS, Roles.ADMIN), Optional.empty(),
                sourceKind, sourceId, pkiOpsAddresses));
    }

    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
    @Transactional(readOnly = true)
    public long unreadCount() {
        Actor actor = currentActor.actor();
        return visibleTo(actor, "select count(*) from notification n where " + VISIBLE
                + " and not exists (select 1 from notification_read r where r.notification_id = n.id and r.username = :user)")
                .query(Long.class).single();
    }

    /** The current user's notifications, newest first. */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
    @Transactional(readOnly = true)
    public List<NotificationItem> page(int offset, int limit) {
        Actor actor = currentActor.actor();
        return visibleTo(actor, """
                        select n.id, n.created_at, n.title, n.body, n.link,
                               exists (select 1 from notification_read r where r.notification_id = n.id and r.username = :user) as read
                        from notification n where """ + VISIBLE
                        + " order by n.created_at desc, n.id desc offset :offset limit :limit")
                .param("offset", offset).param("limit", limit)
                .query(NotificationService::item).list();
    }

    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
    @Transactional
    public void markRead(long notificationId) {
        Actor actor = currentActor.actor();
        visibleTo(actor, """
                insert into notification_read (notification_id, username)
                select n.id, :user from notification n where n.id = :id and """ + VISIBLE
                + " on conflict do nothing").param("id", notificationId).update();
    }

    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
    @Transactional
    public void markAllRead() {
        Actor actor = currentActor.actor();
        visibleTo(actor, """
                insert into notification_read (notification_id, username)
                select n.id, :user from notification n where """ + VISIBLE
                + " on conflict do nothing").update();
    }

    /** E-mails that failed at least once and are not yet delivered, or were given up, newest first. */
    @RolesAllowed({Roles.PKI_OPS, Roles.ADMIN})
    @Transactional(readOnly = true)
    public List<OutboxProblem> outboxProblems(int offset, int limit) {
        return outbox.problems(offset, limit);
    }

    /** Audience roles shared with the user, and for operator-bound users only their operator's. */
    private static final String VISIBLE = " n.audience_roles && string_to_array(:roles, ',')"
            + " and (cast(:operator as smallint) is null or n.operator_id = :operator) ";

    private JdbcClient.StatementSpec visibleTo(Actor actor, String sql) {
        return jdbc.sql(sql).param("user", actor.username())
                .param("roles", String.join(",", actor.roles()))
                .param("operator", actor.scope().operatorIdOrNull());
    }

    private static NotificationItem item(ResultSet rs, int row) throws SQLException {
        return new NotificationItem(rs.getLong("id"), rs.getTimestamp("created_at").toInstant(), rs.getString("title"),
                rs.getString("body"), Optional.ofNullable(rs.getString("link")), rs.getBoolean("read"));
    }

    static Optional<java.time.Instant> instant(Timestamp timestamp) {
        return Optional.ofNullable(timestamp).map(Timestamp::toInstant);
    }
}
