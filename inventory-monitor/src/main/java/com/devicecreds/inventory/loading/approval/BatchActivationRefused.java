package com.devicecreds.inventory.loading.approval;

/**
 * The activation found a batch's stored credentials, manifest or approvals no longer matching what
 * was sealed at staging and approved, and marked it tampered instead of activating it (decision 026);
 * published in the activation's transaction.
 *
 * @param verdict what did not match: {@code manifest-changed}, {@code rows-changed},
 *                {@code approvals-missing} or {@code count-changed}
 */
public record BatchActivationRefused(long batchId, String batchRef, String verdict) {
}
