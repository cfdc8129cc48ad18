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
 */
public record NotificationRequest(String title, String body, Optional<String> link, Set<String> audienceRoles,
        Optional<OperatorRef> operator, String sourceKind, String sourceId, List<String> mailTo) {

    public NotificationRequest {
        audienceRoles = Set.copyOf(audienceRoles);
        mailTo = mailTo.stream().map(String::trim).filter(a -> !a.isEmpty()).distinct().toList();
        if (audienceRoles.isEmpty()) {
            throw new IllegalArgumentException("A notification needs at least one audience role");
        }
    }
}
