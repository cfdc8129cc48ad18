package com.devicecreds.inventory.loading.approval;

import java.time.Duration;
import java.time.Instant;

import com.devicecreds.inventory.loading.batch.StagedBatch;

/**
 * A batch waiting for decisions (staged) or for its activation (approved), as the inbox lists it.
 *
 * @param expiresAt when the request (or the approval, once approved) expires
 */
public record PendingBatch(StagedBatch batch, Instant expiresAt, YourPart yourPart) {

    /** How long the batch has waited since it was submitted. */
    public Duration age(Instant now) {
        return Duration.between(batch.submittedAt(), now);
    }
}
