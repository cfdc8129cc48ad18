package com.devicecreds.portal.deviceca;

/** An alert on a trusted device CA: {@code expiring} or {@code crl-stale}. */
public record DeviceCaAlert(long id, long deviceCaId, String operatorCode, String kind, String summary) {

    /** Published in the transaction that raised the alert. */
    public record Raised(DeviceCaAlert alert) {
    }

    /** Published in the transaction that resolved the alert. */
    public record Resolved(DeviceCaAlert alert) {
    }
}
