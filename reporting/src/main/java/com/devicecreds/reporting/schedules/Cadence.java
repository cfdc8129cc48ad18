package com.devicecreds.reporting.schedules;

import java.util.Arrays;

/** How often a schedule runs; each run reports the last complete period of that length. */
public enum Cadence {
    WEEKLY("weekly", "Weekly"),
    MONTHLY("monthly", "Monthly");

    private final String code;
    private final String label;

    Cadence(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static Cadence of(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown cadence " + code));
    }
}
