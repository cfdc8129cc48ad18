package com.devicecreds.audit;

/** How an audited attempt ended. */
public enum AuditOutcome {
    SUCCESS, DENIED, FAILED;

    /** The stored form, lower case. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
