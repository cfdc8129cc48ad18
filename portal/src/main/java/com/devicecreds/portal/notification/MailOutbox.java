package com.devicecreds.portal.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The mail_outbox table: queued in the publisher's transaction, claimed and settled by the sender. */
@Component
class MailOutbox {

    private final JdbcClient jdbc;

    MailOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void enqueue(long notificationId, String recipient, String subject, String body) {
        jdbc.sql("""
                        insert into mail_outbox (notification_id, recipient, subject, body, message_id)
                        values (?, ?, ?, ?, ?) on conflict do nothing""")
                .params(notificationId, recipient, subject, body, MessageIds.of(notificationId, recipient))
                .update();
    }

    /** Stores a file once for every e-mail of the notification. */
    void attach(long notificationId, NotificationRequest.Attachment file) {
        jdbc.sql("insert into notification_attachment (notification_id, file_name, content_type, content) values (?, ?, ?, ?)")
                .params(notificationId, file.fileName(), file.contentType(), file.content())
                .update();
    }

    List<NotificationRequest.Attachment> attachments(long notificationId) {
        return jdbc.sql("select file_name, content_type, content from notification_attachment where notification_id = ? order by file_name")
                .param(notificationId)
                .query((rs, n) -> new NotificationRequest.Attachment(rs.getString(1), rs.getString(2), rs.getBytes(3)))
                .list();
    }

    /**
     * Locks the oldest due message for the rest of the caller's transaction. Rows another sender
     * holds are skipped, and a row that sender has settled meanwhile no longer qualifies, so two
     * senders never deliver the same message.
     */
    Optional<OutboxMail> claimNextDue(Instant now) {
        return jdbc.sql("""
                        select id, notification_id, recipient, subject, body, message_id, attempts from mail_outbox
                        where sent_at is null and failed_at is null and next_attempt_at <= ?
                        order by next_attempt_at, id
                        limit 1
                        for update skip locked""")
                .param(Timestamp.from(now))
                .query((rs, n) -> new OutboxMail(rs.getLong("id"), rs.getLong("notification_id"), rs.getString("recipient"), rs.getString("subject"),
                        rs.getString("body"), rs.getString("message_id"), rs.getInt("attempts")))
                .optional();
    }

    void markSent(long id, Instant at, String via) {
        jdbc.sql("update mail_outbox set sent_at = ?, sent_via = ?, attempts = attempts + 1 where id = ?")
                .params(Timestamp.from(at), via, id).update();
    }

    /** Records a failed attempt; {@code nextAttempt} empty means the sender gave up. */
    void markAttemptFailed(long id, String error, Optional<Instant> nextAttempt, Instant now) {
        jdbc.sql("""
                        update mail_outbox set attempts = attempts + 1, last_error = ?,
                               next_attempt_at = coalesce(?, next_attempt_at), failed_at = ?
                        where id = ?""")
                .params(error, nextAttempt.map(Timestamp::from).orElse(null),
                        nextAttempt.isPresent() ? null : Timestamp.from(now), id)
                .update();
    }

    List<OutboxProblem> problems(int offset, int limit) {
        return jdbc.sql("""
                        select id, recipient, subject, message_id, attempts, last_error, next_attempt_at, failed_at
                        from mail_outbox
                        where sent_at is null and (attempts > 0 or failed_at is not null)
                        order by created_at desc, id desc offset ? limit ?""")
                .params(offset, limit)
                .query(MailOutbox::problem).list();
    }

    private static OutboxProblem problem(ResultSet rs, int row) throws SQLException {
        boolean failed = rs.getTimestamp("failed_at") != null;
        return new OutboxProblem(rs.getLong("id"), rs.getString("recipient"), rs.getString("subject"),
                rs.getString("message_id"), rs.getInt("attempts"), Optional.ofNullable(rs.getString("last_error")),
                failed ? Optional.empty() : NotificationService.instant(rs.getTimestamp("next_attempt_at")),
                NotificationService.instant(rs.getTimestamp("failed_at")));
    }

    record OutboxMail(long id, long notificationId, String recipient, String subject, String body, String messageId, int attempts) {
    }
}
