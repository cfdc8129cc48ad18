package com.devicecreds.portal.notification;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.devicecreds.access.OperatorRef;

/**
 * What another feature wants to tell people: shown in the bell of every user holding one of the
 * audience roles (operator staff only when {@code operator} is theirs), and e-mailed to the recipients.
 *
 * @param link        a route inside the portal, or empty
 * @param sourceKind  what caused it, e.g. {@code pool-alert-raised}; with {@code sourceId} unique,
 *                    so publishing the same cause twice makes one notification
 * @param mailTo      e-mail addresses; duplicates are sent once
 * @param mail        what the e-mails say when it differs from the bell's title and body, with attachments
 */
public record NotificationRequest(String title, String body, Optional<String> link, Set<String> audienceRoles,
        Optional<OperatorRef> operator, String sourceKind, String sourceId, List<String> mailTo, Optional<Mail> mail) {

    public NotificationRequest {
        audienceRoles = Set.copyOf(audienceRoles);
        mailTo = mailTo.stream().map(String::trim).filter(a -> !a.isEmpty()).distinct().toList();
        if (audienceRoles.isEmpty()) {
            throw new IllegalArgumentException("A notification needs at least one audience role");
        }
    }

    /** A notification whose e-mails say what the bell says, without attachments. */
    public NotificationRequest(String title, String body, Optional<String> link, Set<String> audienceRoles,
            Optional<OperatorRef> operator, String sourceKind, String sourceId, List<String> mailTo) {
        this(title, body, link, audienceRoles, operator, sourceKind, sourceId, mailTo, Optional.empty());
    }

    String mailSubject() {
        return mail.map(Mail::subject).orElse(title);
    }

    String mailBody() {
        return mail.map(Mail::body).orElse(body);
    }

    List<Attachment> attachments() {
        return mail.map(Mail::attachments).orElse(List.of());
    }

    /** The e-mails' subject, text and files, stored once for all recipients. */
    public record Mail(String subject, String body, List<Attachment> attachments) {

        public Mail {
            attachments = List.copyOf(attachments);
        }
    }

    /** A file attached to every e-mail of the notification; the name is letters, digits, dot, dash and underscore. */
    public record Attachment(String fileName, String contentType, byte[] content) {
    }
}
