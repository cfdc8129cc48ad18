package com.devicecreds.reporting.schedules;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The days a run reports, first and last inclusive. They are UTC days, like the rollups they are read from. */
public record ReportPeriod(LocalDate from, LocalDate to) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    public ReportPeriod {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("A period ends (" + to + ") before it starts (" + from + ")");
        }
    }

    /** "9 Nov 2026 – 15 Nov 2026". */
    public String label() {
        return DAY.format(from) + " – " + DAY.format(to);
    }
}
