package com.devicecreds.inventory.loading.batch;

/**
 * An approved batch was activated: all its credentials became available at once. Published in the
 * activation transaction, so listeners that write in it commit or roll back with the activation.
 */
public record BatchActivated(long batchId, String batchRef, int credentialTypeId, long recordCount) {
}
