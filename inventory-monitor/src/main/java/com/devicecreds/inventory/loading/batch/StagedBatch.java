package com.devicecreds.inventory.loading.batch;

import java.time.Instant;
import java.util.Optional;

/**
 * A credential batch as loading shows it: staged (or later states), with what it was made from.
 *
 * @param manifestSha256 hex SHA-256 of the signed manifest: what approvers decide on
 */
public record StagedBatch(long id, String batchRef, int credentialTypeId, String typeCode, String typeName,
        Optional<String> operatorName, long recordCount, String manifestSha256, String producingFacility,
        String signerSubject, String state, String submittedBy, Instant submittedAt) {
}
