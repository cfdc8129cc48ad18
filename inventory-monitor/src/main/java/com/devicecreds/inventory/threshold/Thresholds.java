package com.devicecreds.inventory.threshold;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The thresholds of one pool.
 *
 * @param leadTimeDays          how long a new batch takes to generate: runway below it raises a RUNWAY alert
 * @param recoveryMarginPercent hysteresis: to leave a level the pool must exceed its threshold by this much
 * @param pendingPeriod         how long a worse level must hold before it alerts (EMPTY alerts at once)
 */
public record Thresholds(Limit warning, Limit critical, int leadTimeDays, int recoveryMarginPercent,
        Duration pendingPeriod) {

    /**
     * For pools without thresholds of their own (docs/decisions/010-inventory-alerts.md): warning at
     * 14 days of runway or 10 % of loaded, critical at 3 days or 3 %; 10 days of lead time, 10 %
     * recovery margin, 2 minutes pending. Critical is below the lead time on purpose: by then the
     * order for keys is late and devices will stop within days.
     */
    public static final Thresholds DEFAULTS = new Thresholds(
            new Limit(OptionalInt.empty(), OptionalInt.of(10), OptionalInt.of(14)),
            new Limit(OptionalInt.empty(), OptionalInt.of(3), OptionalInt.of(3)),
            10, 10, Duration.ofMinutes(2));

    /** 1 + the recovery margin, the factor applied to thresholds when deciding whether a pool recovered. */
    public double recoveryFactor() {
        return 1 + recoveryMarginPercent / 100.0;
    }

    /** One line for the audit trail: {@code warning=count -, 10 %, 14 d; critical=...; lead=10 d; margin=10 %; pending=PT2M}. */
    public String describe() {
        return "warning=" + warning.describe() + "; critical=" + critical.describe() + "; lead=" + leadTimeDays
                + " d; margin=" + recoveryMarginPercent + " %; pending=" + pendingPeriod;
    }

    /** What is wrong with these thresholds, in words for the person who entered them; empty when valid. */
    public List<String> problems() {
        var problems = new ArrayList<String>();
        problems.addAll(warning.problems("warning"));
        problems.addAll(critical.problems("critical"));
        below(critical.available(), warning.available(), "count", problems);
        below(critical.percentOfLoaded(), warning.percentOfLoaded(), "percent", problems);
        below(critical.runwayDays(), warning.runwayDays(), "days of runway", problems);
        if (leadTimeDays < 0) {
            problems.add("The lead time must not be negative");
        }
        if (recoveryMarginPercent < 0 || recoveryMarginPercent > 1000) {
            problems.add("The recovery margin must be between 0 and 1000 percent");
        }
        if (pendingPeriod == null || pendingPeriod.isNegative()) {
            problems.add("The pending period must not be negative");
        }
        return problems;
    }

    private static void below(OptionalInt critical, OptionalInt warning, String name, List<String> problems) {
        if (critical.isPresent() && warning.isPresent() && critical.getAsInt() >= warning.getAsInt()) {
            problems.add("The critical " + name + " (" + critical.getAsInt() + ") must be below the warning "
                    + name + " (" + warning.getAsInt() + ")");
        }
    }
}
