package com.devicecreds.portal.notification;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.devicecreds.portal.PortalProperties;
import com.devicecreds.portal.notification.MailOutbox.OutboxMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox, one message per short transaction that holds the message's row lock while
 * it is sent: concurrent senders (threads, nodes) skip it. Without spring.mail.host (the embedded
 * development run) each message is written to the log instead, so the demo shows what would be sent.
 */
@Component
public class OutboxMailSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxMailSender.class);
    /** Upper bound per run, so a run ends even when messages keep arriving. */
    private static final int MAX_PER_RUN = 200;

    private final MailOutbox outbox;
    private final Optional<JavaMailSender> smtp;
    private final TransactionTemplate transaction;
    private final RetryPolicy retries;
    private final String from;
    private final Clock clock;

    OutboxMailSender(MailOutbox outbox, ObjectProvider<JavaMailSender> smtp, PlatformTransactionManager transactions,
            PortalProperties properties, Clock clock) {
        this.outbox = outbox;
        this.smtp = Optional.ofNullable(smtp.getIfAvailable());
        this.transaction = new TransactionTemplate(transactions);
        this.retries = RetryPolicy.of(properties.notifications());
        this.from = properties.notifications().from();
        this.clock = clock;
    }

    /** Sends every due message; returns how many were delivered. Safe to call from several threads or nodes. */
    public int run() {
        int delivered = 0;
        for (int i = 0; i < MAX_PER_RUN; i++) {
            Boolean outcome = transaction.execute(status -> outbox.claimNextDue(clock.instant()).map(this::deliver).orElse(null));
            if (outcome == null) {
                break;
            }
            if (outcome) {
                delivered++;
            }
        }
        return delivered;
    }

    private boolean deliver(OutboxMail mail) {
        var attachments = outbox.attachments(mail.notificationId());
        if (smtp.isEmpty()) {
            log.info("E-mail (no SMTP server configured) to {}: \"{}\" Message-ID {}{}", mail.recipient(), mail.subject(),
                    mail.messageId(), attachments.isEmpty() ? "" : ", attached " + attachments.stream()
                            .map(a -> a.fileName() + " (" + a.content().length + " bytes)").toList());
            outbox.markSent(mail.id(), clock.instant(), "log");
            return true;
        }
        try {
            smtp.get().send(message(smtp.get(), mail, attachments));
            outbox.markSent(mail.id(), clock.instant(), "smtp");
            return true;
        } catch (MailException | MessagingException e) {
            int failed = mail.attempts() + 1;
            var next = retries.nextAttempt(failed, clock.instant());
            log.warn("E-mail {} to {} failed (attempt {}){}: {}", mail.messageId(), mail.recipient(), failed,
                    next.isEmpty() ? ", giving up" : "", e.getMessage());
            outbox.markAttemptFailed(mail.id(), describe(e), next, clock.instant());
            return false;
        }
    }

    /** A plain text message, or with attachments a multipart one (text first, then the files). */
    private MimeMessage message(JavaMailSender sender, OutboxMail mail, List<NotificationRequest.Attachment> attachments)
            throws MessagingException {
        MimeMessage message = sender.createMimeMessage();
        var helper = new MimeMessageHelper(message, !attachments.isEmpty(), "UTF-8");
        helper.setFrom(from);
        helper.setTo(mail.recipient());
        helper.setSubject(mail.subject());
        helper.setText(mail.body());
        for (var file : attachments) {
            helper.addAttachment(file.fileName(), new ByteArrayResource(file.content()), file.contentType());
        }
        // JavaMailSenderImpl keeps a Message-ID set before sending (saveChanges would replace it otherwise).
        message.setHeader("Message-ID", mail.messageId());
        return message;
    }

    private static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getMessage() + (root == e ? "" : " (" + root + ")");
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }
}
