package com.devicecreds.inventory.loading.approval;

/** A batch received its last required approval and waits for activation; published in the approving transaction. */
public record BatchApproved(long batchId, String batchRef) {
}
