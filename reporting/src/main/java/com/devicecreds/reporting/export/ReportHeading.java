package com.devicecreds.reporting.export;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * What a report is, for the receiver of its file: printed in every page's header and footer and
 * stored as the workbook's document properties (decision 028).
 *
 * @param title       the report's name ("Usage report")
 * @param operator    whose data it holds ("nordkabel", or "all operators")
 * @param period      what it covers ("2026-11-01 to 2026-11-30 (UTC days)", or a search)
 * @param generatedAt when the file was made
 */
public record ReportHeading(String title, String operator, String period, Instant generatedAt) {

    /** The portal, as the author of every file it makes. */
    public static final String AUTHOR = "Credentials Portal";
    private static final DateTimeFormatter UTC_MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    public ReportHeading {
        generatedAt = generatedAt.truncatedTo(ChronoUnit.SECONDS);
    }

    /** A report generated now. */
    public static ReportHeading now(String title, String operator, String period) {
        return new ReportHeading(title, operator, period, Instant.now());
    }

    /** "Usage report · nordkabel · 2026-11-01 to 2026-11-30 (UTC days)". */
    public String describe() {
        return title + " · " + operator + " · " + period;
    }

    /** "Generated 2026-12-04 05:40 UTC; times in UTC". */
    public String generated() {
        return "Generated " + UTC_MINUTE.format(generatedAt) + "; times in UTC";
    }
}
