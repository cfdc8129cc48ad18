package com.devicecreds.reporting.export;

/**
 * One column of a spreadsheet export: its header and what its cells hold, so that numbers become
 * numeric cells and times date cells that Excel sorts, filters and sums.
 *
 * @param width width in characters
 */
public record ExcelColumn(String header, Kind kind, int width) {

    public enum Kind {
        /** Text, stored as a string cell (never a formula). */
        TEXT,
        /** A whole number, as a numeric cell with a thousands separator. */
        INTEGER,
        /** A day, as a date cell. */
        DATE,
        /** An instant, as a date-and-time cell in UTC. */
        DATE_TIME
    }

    public static ExcelColumn text(String header, int width) {
        return new ExcelColumn(header, Kind.TEXT, width);
    }

    public static ExcelColumn integer(String header) {
        return new ExcelColumn(header, Kind.INTEGER, Math.max(12, header.length() + 4));
    }

    public static ExcelColumn date(String header) {
        return new ExcelColumn(header, Kind.DATE, Math.max(12, header.length() + 4));
    }

    public static ExcelColumn dateTime(String header) {
        return new ExcelColumn(header, Kind.DATE_TIME, Math.max(20, header.length() + 4));
    }
}
