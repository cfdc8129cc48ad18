package com.devicecreds.reporting.schedules;

import java.util.Arrays;

/** Which report a schedule delivers. */
public enum ReportKind {
    /** Requests per week or month, credential type and outcome, with the chart: the usage view's export. */
    USAGE("usage", "Usage"),
    /** The operator's device IDs missing from its authorized lists that were seen in the period, of all its types. */
    MISSING_IDS("missing-ids", "Missing IDs");

    private final String code;
    private final String label;

    ReportKind(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The stored form. */
    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static ReportKind of(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown report " + code));
    }
}
