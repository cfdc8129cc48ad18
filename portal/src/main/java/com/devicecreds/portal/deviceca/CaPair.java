package com.devicecreds.portal.deviceca;

import com.devicecreds.access.OperatorRef;

/** An (operator, credential type) the operator is authorized for, with its trusted CAs and pending changes counted. */
public record CaPair(OperatorRef operator, String operatorName, int credentialTypeId, String typeCode, String typeName,
        int trusted, int pending) {

    /** The change requests' target for this pair: its version history. */
    public String target() {
        return target(operator.code(), typeCode);
    }

    static String target(String operatorCode, String typeCode) {
        return "operator/" + operatorCode + "/type/" + typeCode + "/device-cas";
    }

    public String label() {
        return operatorName + " · " + typeName;
    }
}
