package com.devicecreds.reporting.missing;

import java.util.Optional;

import com.devicecreds.access.OperatorRef;

/** Which missing IDs to list: an operator (within the caller's scope), a credential type and a status, each optional. */
public record MissingIdQuery(Optional<OperatorRef> operator, Optional<Integer> credentialTypeId,
        Optional<MissingIdStatus> status) {

    public static MissingIdQuery all() {
        return new MissingIdQuery(Optional.empty(), Optional.empty(), Optional.empty());
    }
}
