package com.devicecreds.reporting.export;

import java.io.OutputStream;

import org.jfree.chart.JFreeChart;

/**
 * A report's rows on their way into a file, whatever its format: written row by row with bounded
 * memory, then copied to the output in one go (a cancelled export writes nothing).
 */
public interface TableExport extends AutoCloseable {

    /**
     * Appends one row, one value per column: text as {@link String} (or anything, by its
     * {@code toString}), numbers as {@link Number}, days as {@link java.time.LocalDate}, times as
     * {@link java.time.Instant}; null leaves the cell empty.
     */
    void row(Object... values);

    /** Adds the chart before the rows where the format can show one (a spreadsheet, not a CSV file). */
    void chart(String sheetName, JFreeChart chart, int widthPx, int heightPx);

    /** Data rows written so far. */
    long rows();

    /** Writes the file (the header alone when there were no rows). */
    void writeTo(OutputStream out);

    /** Deletes what the export kept on disk. */
    @Override
    void close();
}
