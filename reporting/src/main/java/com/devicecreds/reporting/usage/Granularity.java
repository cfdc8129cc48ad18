package com.devicecreds.reporting.usage;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/** How usage is grouped over time. Weeks are ISO weeks (Monday to Sunday); all days are UTC days. */
public enum Granularity {
    DAY("day", "Day"),
    WEEK("week", "Week"),
    MONTH("month", "Month");

    private final String sqlUnit;
    private final String label;

    Granularity(String sqlUnit, String label) {
        this.sqlUnit = sqlUnit;
        this.label = label;
    }

    /** The unit PostgreSQL's {@code date_trunc} takes; truncating to a week gives its Monday, as here. */
    String sqlUnit() {
        return sqlUnit;
    }

    public String label() {
        return label;
    }

    /** The first day of the period the day belongs to. */
    public LocalDate periodOf(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }
}
