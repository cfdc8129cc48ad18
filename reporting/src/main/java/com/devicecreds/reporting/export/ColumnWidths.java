package com.devicecreds.reporting.export;

import java.util.List;

/**
 * The widest value of each column as rows stream past, so that every column fits its values
 * without a pass over the rows afterwards (a streamed sheet's widths are written when it is done).
 */
final class ColumnWidths {

    /** Room for the autofilter's button beside a header. */
    private static final int FILTER_BUTTON = 3;
    private static final int PADDING = 2;
    private static final int MAX_CHARS = 70;
    /** "2026-11-30 08:15:00" and a little room. */
    private static final int DATE_TIME_CHARS = 20;
    private static final int DATE_CHARS = 10;

    private final List<ExcelColumn> columns;
    private final int[] widest;

    ColumnWidths(List<ExcelColumn> columns) {
        this.columns = columns;
        this.widest = new int[columns.size()];
        for (int c = 0; c < widest.length; c++) {
            widest[c] = columns.get(c).header().length() + FILTER_BUTTON;
        }
    }

    void observe(int column, Object value) {
        int chars = switch (columns.get(column).kind()) {
            case TEXT -> value.toString().length();
            case INTEGER -> grouped(((Number) value).longValue());
            case DATE -> DATE_CHARS;
            case DATE_TIME -> DATE_TIME_CHARS;
        };
        if (chars > widest[column]) {
            widest[column] = chars;
        }
    }

    /** Width of the column in characters, at most {@value #MAX_CHARS}. */
    int chars(int column) {
        return Math.min(MAX_CHARS, widest[column] + PADDING);
    }

    /** Width of all columns in characters. */
    int total() {
        int sum = 0;
        for (int c = 0; c < widest.length; c++) {
            sum += chars(c);
        }
        return sum;
    }

    /** Characters of a number with thousands separators. */
    private static int grouped(long n) {
        int digits = Long.toString(Math.abs(n)).length();
        return digits + (digits - 1) / 3 + (n < 0 ? 1 : 0);
    }
}
