package com.devicecreds.reporting.missing;

import java.util.Locale;

/** Where a missing device ID is: seen only, sent to the operator in an export, or listed in a later part. */
public enum MissingIdStatus {
    NEW("New"), SENT("Sent to operator"), RESOLVED("Resolved");

    private final String label;

    MissingIdStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static MissingIdStatus of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
