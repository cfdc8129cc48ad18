package com.devicecreds.portal.demo;

import java.util.Optional;

/** What the provisioning service answered a device: the outcome column and, for rejections, the reason column. */
enum ProvisioningOutcome {
    DELIVERED("delivered", null),
    REDELIVERED("re-delivered", null),
    OPERATOR_NOT_AUTHORIZED("rejected", "operator-not-authorized"),
    MODEL_NOT_AUTHORIZED("rejected", "model-not-authorized"),
    NOT_ON_AUTHORIZED_LIST("rejected", "not-on-authorized-list"),
    CERTIFICATE_REVOKED("rejected", "certificate-revoked"),
    BAD_CHAIN_OR_SIGNATURE("rejected", "bad-chain-or-signature"),
    NO_CREDENTIAL_FOR_DEVICE("rejected", "no-credential-for-device"),
    POOL_EMPTY("rejected", "pool-empty"),
    UNKNOWN_MODEL("rejected", "unknown-model");

    private final String outcome;
    private final String reason;

    ProvisioningOutcome(String outcome, String reason) {
        this.outcome = outcome;
        this.reason = reason;
    }

    String outcome() {
        return outcome;
    }

    Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    boolean rejected() {
        return reason != null;
    }
}
