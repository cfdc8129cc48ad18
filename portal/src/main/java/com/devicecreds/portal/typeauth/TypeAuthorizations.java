package com.devicecreds.portal.typeauth;

import java.util.List;
import java.util.Optional;

import com.devicecreds.access.OperatorRef;

/**
 * The authorization rules of one credential type as the caller may see them: the type, its owning
 * operator (a shared type has none), whether devices must be on the authorized list, and the operators
 * in the caller's scope with their authorizations.
 */
public record TypeAuthorizations(int credentialTypeId, String typeCode, String typeName, Optional<OperatorRef> owner,
        boolean idListRequired, List<OperatorAuthorization> operators) {

    public TypeAuthorizations {
        operators = List.copyOf(operators);
    }

    /** The prefix of every change request target of this type's authorizations. */
    public String targetPrefix() {
        return "type/" + typeCode;
    }

    public Optional<OperatorAuthorization> of(OperatorRef operator) {
        return operators.stream().filter(a -> a.operator().id() == operator.id()).findFirst();
    }
}
