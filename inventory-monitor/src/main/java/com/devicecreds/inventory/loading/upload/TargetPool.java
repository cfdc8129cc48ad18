package com.devicecreds.inventory.loading.upload;

import java.util.Optional;

/** The pool a package fills: its credential type, owner (empty: shared) and current counts. */
public record TargetPool(int credentialTypeId, String typeCode, String typeName, Optional<String> operatorName,
        String bindingMode, long available, long staged) {
}
