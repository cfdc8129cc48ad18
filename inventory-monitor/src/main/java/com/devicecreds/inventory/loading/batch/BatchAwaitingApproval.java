package com.devicecreds.inventory.loading.batch;

/**
 * A credential package was validated and staged: its batch now waits for the approvals of PKI
 * operations (dual control). Published in the staging transaction, so listeners that write in it
 * commit or roll back with the batch.
 */
public record BatchAwaitingApproval(long batchId, String batchRef, int credentialTypeId, String typeName, long recordCount,
        String submittedBy, int approvalsRequired) {
}
