package com.devicecreds.reporting.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.jfree.chart.JFreeChart;

/**
 * A report as CSV for those who script: UTF-8 with a byte order mark (so Excel reads it as UTF-8),
 * RFC 4180 (comma, CRLF, fields with a comma, quote or line break in double quotes, quotes doubled),
 * one header line, numbers without separators, days as {@code 2026-11-30} and times as ISO 8601 in
 * UTC ({@code 2026-11-30T08:15:00Z}). Text that a spreadsheet would take for a formula gets a
 * leading apostrophe, the same rule as {@link ExcelExport#looksLikeFormula}: opened in a spreadsheet
 * it shows as text, a script strips one leading apostrophe. Rows go to a temporary file first, so a
 * cancelled export writes nothing. Decision 028.
 */
final class CsvExport implements TableExport {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final List<ExcelColumn> columns;
    private final RowCounter counter;
    private final Path file;
    private final Writer writer;
    private final StringBuilder line = new StringBuilder(256);

    CsvExport(List<ExcelColumn> columns, ExportProgress progress) {
        this.columns = List.copyOf(columns);
        this.counter = new RowCounter(progress);
        try {
            this.file = Files.createTempFile("export-", ".csv");
            this.writer = new UnsynchronizedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
            writeLine(this.columns.stream().map(ExcelColumn::header).toArray(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One field as RFC 4180 writes it, neutralized when it would be read as a formula. */
    static String field(Object value, ExcelColumn.Kind kind) {
        if (value == null) {
            return "";
        }
        String s = switch (kind) {
            case INTEGER -> String.valueOf(((Number) value).longValue());
            case DATE -> value.toString();
            case DATE_TIME -> DateTimeFormatter.ISO_INSTANT.format((Instant) value);
            case TEXT -> ExcelExport.looksLikeFormula(value.toString()) ? "'" + value : value.toString();
        };
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    @Override
    public void row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("expected " + columns.size() + " values, got " + values.length);
        }
        writeLine(values, false);
        counter.counted();
    }

    @Override
    public void chart(String sheetName, JFreeChart chart, int widthPx, int heightPx) {
        // A CSV file holds the numbers only; the chart is in the Excel export.
    }

    @Override
    public long rows() {
        return counter.rows();
    }

    @Override
    public void writeTo(OutputStream out) {
        counter.done();
        try {
            writer.flush();
            out.write(BOM);
            Files.copy(file, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            writer.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The header line is text whatever its columns hold. */
    private void writeLine(Object[] values, boolean header) {
        line.setLength(0);
        for (int c = 0; c < values.length; c++) {
            if (c > 0) {
                line.append(',');
            }
            line.append(field(values[c], header ? ExcelColumn.Kind.TEXT : columns.get(c).kind()));
        }
        line.append("\r\n");
        try {
            writer.write(line.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
