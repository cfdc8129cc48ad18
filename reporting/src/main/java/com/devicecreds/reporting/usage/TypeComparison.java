package com.devicecreds.reporting.usage;

/** Requests of one credential type in the chosen period and in the period of equal length before it. */
public record TypeComparison(String credentialType, long current, long previous) {

    /** Change against the previous period in percent; empty when there was nothing before. */
    public java.util.OptionalDouble changePercent() {
        return previous == 0 ? java.util.OptionalDouble.empty()
                : java.util.OptionalDouble.of((current - previous) * 100.0 / previous);
    }
}
