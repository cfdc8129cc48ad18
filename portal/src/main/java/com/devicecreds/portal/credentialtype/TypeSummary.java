package com.devicecreds.portal.credentialtype;

import java.util.Optional;

/** One line of the credential types list. */
public record TypeSummary(int id, String code, String name, String kindName, Optional<String> ownerName, String bindingMode,
        String keyAgreement, int approvalsRequired, int authorizedOperators, long available, int version, int pending) {
}
