package com.devicecreds.inventory.loading.approval;

import java.time.Instant;
import java.util.Optional;

/**
 * One approver's decision on a batch.
 *
 * @param decision       {@code approved} or {@code rejected}
 * @param manifestSha256 hex hash of the manifest the approver saw and decided on
 * @param voidedAt       when the decision stopped counting because the batch's manifest hash changed
 */
public record BatchDecision(String decidedBy, String decision, String manifestSha256, Optional<String> reason,
        Instant decidedAt, Optional<Instant> voidedAt) {
}
