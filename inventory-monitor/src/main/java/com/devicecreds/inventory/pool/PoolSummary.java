package com.devicecreds.inventory.pool;

import java.util.Optional;

import com.devicecreds.access.OperatorRef;

/**
 * One key pool: the credentials of one credential type, with its owning operator (empty for a
 * shared type) and how many are still available to devices.
 */
public record PoolSummary(int credentialTypeId, String typeCode, String typeName, String credentialKind,
        Optional<OperatorRef> operator, Optional<String> operatorName, String bindingMode, long available,
        long bound) {

    public long loaded() {
        return available + bound;
    }
}
