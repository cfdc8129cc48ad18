package com.devicecreds.reporting.schedules;

import java.util.Arrays;

/** Which report a schedule delivers. */
public enum ReportKind {
    /** Requests per week or month, credential type and outcome, with the chart: the usage view's export. */
    USAGE("usage", "Usage", "usage report"),
    /** The operator's device IDs missing from its authorized lists that were seen in the period, of all its types. */
    MISSING_IDS("missing-ids", "Missing IDs", "missing-ID report");

    private final String code;
    private final String label;
    private final String noun;

    ReportKind(String code, String label, String noun) {
        this.code = code;
        this.label = label;
        this.noun = noun;
    }

    /** "usage report", for sentences. */
    public String noun() {
        return noun;
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
