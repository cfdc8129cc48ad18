package com.devicecreds.inventory.loading.approval;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.devicecreds.inventory.loading.batch.StagedBatch;

/**
 * Everything an approver sees before deciding on a batch: the manifest, the validation facts and
 * the decisions so far (the pool's inventory comes from the inventory service).
 *
 * @param expiresAt  when the request, or the approval not yet activated, expires; empty once settled
 * @param closedNote why a rejected or expired batch ended
 */
public record ApprovalContext(StagedBatch batch, PackageFacts packageFacts, List<BatchDecision> decisions,
        Optional<Instant> expiresAt, YourPart yourPart, Optional<String> closedNote) {
}
