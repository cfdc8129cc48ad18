package com.devicecreds.reporting.contacts;

import java.time.Instant;

/**
 * A person at a network operator who receives what the portal mails that operator (the go-ahead of
 * its rollouts, its scheduled reports). Contacts need no portal account.
 */
public record OperatorContact(long id, short operatorId, String name, String email, boolean goAhead, String createdBy,
        Instant createdAt) {
}
