package com.devicecreds.inventory.loading.approval;

import java.time.Instant;

/**
 * What the upload's validation established about a staged batch's package, kept with the batch.
 *
 * @param createdAt      the manifest's creation time at the facility
 * @param manifestIntact whether the stored manifest bytes still hash to the batch's manifest hash
 * @param rowsIntact     whether the stored credential rows still hash to the seal of the staging
 *                       (decision 026), checked afresh for the approver; the activation checks again
 */
public record PackageFacts(String recordsSha256, String signerFingerprint, String signerSubject, Instant createdAt,
        String fileName, long packageBytes, boolean manifestIntact, boolean rowsIntact) {
}
