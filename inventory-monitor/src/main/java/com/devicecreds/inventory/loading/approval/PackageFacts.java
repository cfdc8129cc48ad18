package com.devicecreds.inventory.loading.approval;

import java.time.Instant;

/**
 * What the upload's validation established about a staged batch's package, kept with the batch.
 *
 * @param createdAt      the manifest's creation time at the facility
 * @param manifestIntact whether the stored manifest bytes still hash to the batch's manifest hash
 */
public record PackageFacts(String recordsSha256, String signerFingerprint, String signerSubject, Instant createdAt,
        String fileName, long packageBytes, boolean manifestIntact) {
}
