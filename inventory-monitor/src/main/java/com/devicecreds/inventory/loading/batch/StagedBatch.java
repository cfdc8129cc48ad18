package com.devicecreds.inventory.loading.batch;

import java.time.Instant;
import java.util.Optional;

/**
 * A credential batch as loading shows it: staged (or later states), with what it was made from.
 *
 * @param manifestSha256    hex SHA-256 of the signed manifest: what approvers decide on
 * @param approvals         approvals that stand (bound to the current manifest hash, not voided)
 * @param approvalsRequired approvals the batch needs, fixed from its credential type when it was staged
 * @param stagedSha256      hex digest of the stored rows, sealed by the database at staging; approvers
 *                          approve it with the manifest hash, activation recomputes it (decision 026)
 */
public record StagedBatch(long id, String batchRef, int credentialTypeId, String typeCode, String typeName,
        Optional<String> operatorName, long recordCount, String manifestSha256, String producingFacility,
        String signerSubject, String state, String submittedBy, Instant submittedAt, int approvals,
        int approvalsRequired, String stagedSha256) {
}
