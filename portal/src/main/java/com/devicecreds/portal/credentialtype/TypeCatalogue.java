package com.devicecreds.portal.credentialtype;

import java.util.List;
import java.util.Optional;

import com.devicecreds.access.OperatorDirectory.OperatorSummary;
import com.devicecreds.access.OperatorRef;

/** What a credential type's settings choose from: kinds of credential, kinds of device ID, operators. */
public record TypeCatalogue(List<Kind> kinds, List<IdKind> idKinds, List<OperatorSummary> operators) {

    public record Kind(String code, String name, String family) {
    }

    public record IdKind(String code, String name) {
    }

    Optional<Kind> kind(String code) {
        return kinds.stream().filter(k -> k.code().equals(code)).findFirst();
    }

    Optional<String> idKind(String code) {
        return idKinds.stream().filter(k -> k.code().equals(code)).map(IdKind::name).findFirst();
    }

    Optional<String> operatorName(OperatorRef operator) {
        return operators.stream().filter(o -> o.ref().id() == operator.id()).map(OperatorSummary::name).findFirst();
    }
}
