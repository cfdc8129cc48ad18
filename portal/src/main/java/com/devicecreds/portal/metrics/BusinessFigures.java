package com.devicecreds.portal.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.devicecreds.inventory.loading.approval.AwaitingBatches;
import com.devicecreds.inventory.pool.PoolSummary;
import com.devicecreds.portal.notification.OutboxBacklog;
import com.devicecreds.reporting.usage.UsageTotal;

/**
 * One reading of the business figures, across all operators, as the metrics publish it until the next.
 *
 * @param pools    every pool, as the inventory page shows it to PKI operations
 * @param requests requests per operator, type and outcome since the rollups begin
 * @param batches  batches waiting in the approval inbox
 * @param outbox   the e-mail outbox's backlog
 * @param audit    the last verification of the audit trail and its last anchor
 * @param readAt   when the figures were read
 */
record BusinessFigures(List<PoolSummary> pools, List<UsageTotal> requests, AwaitingBatches.Counts batches,
        OutboxBacklog.Counts outbox, AuditStatus audit, Instant readAt) {

    /**
     * @param lastVerificationIntact whether the last verification found the chain intact; empty if none was run
     * @param lastVerifiedAt         when the last verification was run
     * @param lastAnchorAt           when the last anchor was written to the anchor file
     */
    record AuditStatus(Optional<Boolean> lastVerificationIntact, Optional<Instant> lastVerifiedAt,
            Optional<Instant> lastAnchorAt) {
    }
}
