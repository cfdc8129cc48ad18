package com.devicecreds.reporting.export;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.Deflater;

import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;
import org.jfree.chart.JFreeChart;

/**
 * A spreadsheet export written with bounded heap: rows stream through POI's SXSSF (a window of
 * {@value #WINDOW} rows in memory, the rest flushed to a temporary file), so a million rows need no
 * more memory than a hundred. Every data sheet has a bold header on a filled row, frozen below the
 * header, an autofilter over its rows, and real numeric and date cells. Rows beyond a sheet's limit
 * continue on the next sheet ("Name (2)", ...). Text that a spreadsheet would read as a formula
 * (starting with = + - @, a tab or a carriage return) is stored as a quote-prefixed string cell, so
 * it is shown as typed and never evaluated. Used by every report export; see decision 015.
 */
public final class ExcelExport implements AutoCloseable {

    /** Data rows of one sheet: Excel's 1,048,576 rows less the header. */
    public static final int SHEET_ROWS = 1_048_575;
    private static final int WINDOW = 100;
    private static final int PROGRESS_EVERY = 5_000;
    /** 1970-01-01 as a serial day of the 1900 date system. */
    private static final double EXCEL_EPOCH_DAYS = 25_569;
    private static final double SECONDS_PER_DAY = 86_400;

    private final SXSSFWorkbook workbook = new FastZipWorkbook();
    private final String name;
    private final List<ExcelColumn> columns;
    private final int rowsPerSheet;
    private final ExportProgress progress;
    private final CellStyle header;
    private final CellStyle text;
    private final CellStyle quoted;
    private final CellStyle integer;
    private final CellStyle date;
    private final CellStyle dateTime;
    private SXSSFSheet sheet;
    private int sheets;
    private int rowInSheet;
    private long rows;

    public ExcelExport(String sheetName, List<ExcelColumn> columns, ExportProgress progress) {
        this(sheetName, columns, SHEET_ROWS, progress);
    }

    /** With a smaller sheet limit than Excel's (tests of the overflow). */
    public ExcelExport(String sheetName, List<ExcelColumn> columns, int rowsPerSheet, ExportProgress progress) {
        if (rowsPerSheet < 1 || rowsPerSheet > SHEET_ROWS) {
            throw new IllegalArgumentException("rows per sheet must be 1 to " + SHEET_ROWS + ", was " + rowsPerSheet);
        }
        this.name = sheetName;
        this.columns = List.copyOf(columns);
        this.rowsPerSheet = rowsPerSheet;
        this.progress = progress;
        this.header = headerStyle(workbook);
        this.text = workbook.createCellStyle();
        this.quoted = workbook.createCellStyle();
        quoted.setQuotePrefixed(true);
        this.integer = format(workbook, "#,##0");
        this.date = format(workbook, "yyyy-mm-dd");
        this.dateTime = format(workbook, "yyyy-mm-dd hh:mm:ss");
    }

    /**
     * The spreadsheet's serial time of an instant in UTC: days since 1899-12-30 (1900 date system),
     * computed directly because converting through calendars costs more than the rest of the row.
     */
    static double excelTime(Instant t) {
        return EXCEL_EPOCH_DAYS + (t.getEpochSecond() + t.getNano() / 1e9) / SECONDS_PER_DAY;
    }

    /** True when a spreadsheet would take the text for a formula (or a DDE call). */
    public static boolean looksLikeFormula(String value) {
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0;
    }

    /**
     * Appends one row, one value per column: text as {@link String} (or anything, by its
     * {@code toString}), numbers as {@link Number}, days as {@link LocalDate}, times as {@link Instant};
     * null leaves the cell empty.
     */
    public void row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("expected " + columns.size() + " values, got " + values.length);
        }
        if (sheet == null || rowInSheet == rowsPerSheet) {
            nextSheet();
        }
        var row = sheet.createRow(++rowInSheet);
        for (int c = 0; c < values.length; c++) {
            Object v = values[c];
            if (v == null) {
                continue;
            }
            var cell = row.createCell(c);
            switch (columns.get(c).kind()) {
                case INTEGER -> {
                    cell.setCellValue(((Number) v).doubleValue());
                    cell.setCellStyle(integer);
                }
                case DATE -> {
                    cell.setCellValue((LocalDate) v);
                    cell.setCellStyle(date);
                }
                case DATE_TIME -> {
                    cell.setCellValue(excelTime((Instant) v));
                    cell.setCellStyle(dateTime);
                }
                case TEXT -> {
                    String s = v.toString();
                    cell.setCellValue(s);
                    cell.setCellStyle(looksLikeFormula(s) ? quoted : text);
                }
            }
        }
        rows++;
        if (rows % PROGRESS_EVERY == 0) {
            progress.rowsWritten(rows);
            if (progress.cancelled()) {
                throw new ExportCancelledException(rows);
            }
        }
    }

    /** Adds a sheet that shows the chart, drawn on white at twice the given size in pixels, before the data sheets. */
    public void chart(String sheetName, JFreeChart chart, int widthPx, int heightPx) {
        chart.setBackgroundPaint(java.awt.Color.WHITE);
        var image = chart.createBufferedImage(widthPx * 2, heightPx * 2, widthPx, heightPx, null);
        var png = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        chart(sheetName, png.toByteArray(), widthPx, heightPx);
    }

    /** Adds a sheet that shows a chart image (PNG) at the given size in pixels, before the data sheets. */
    public void chart(String sheetName, byte[] png, int widthPx, int heightPx) {
        var chartSheet = workbook.createSheet(sheetName);
        int picture = workbook.addPicture(png, Workbook.PICTURE_TYPE_PNG);
        var anchor = workbook.getCreationHelper().createClientAnchor();
        anchor.setAnchorType(ClientAnchor.AnchorType.DONT_MOVE_AND_RESIZE);
        anchor.setCol1(1);
        anchor.setRow1(1);
        var picture1 = chartSheet.createDrawingPatriarch().createPicture(anchor, picture);
        // Default column width is 64 px and row height 20 px: size the picture in cells, then exactly.
        picture1.resize(widthPx / 64.0, heightPx / 20.0);
        workbook.setSheetOrder(sheetName, 0);
        workbook.setActiveSheet(0);
    }

    /** Data rows written so far. */
    public long rows() {
        return rows;
    }

    /** Data sheets written so far. */
    public int sheets() {
        return sheets;
    }

    /** Writes the workbook (a header-only sheet when there were no rows). */
    public void writeTo(OutputStream out) {
        if (sheet == null) {
            nextSheet();
        }
        finish();
        progress.rowsWritten(rows);
        try {
            workbook.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the temporary files of the flushed rows. */
    @Override
    public void close() {
        try {
            workbook.dispose(); // deletes the temporary files of the flushed rows
            workbook.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void nextSheet() {
        finish();
        sheets++;
        sheet = workbook.createSheet(sheets == 1 ? name : name + " (" + sheets + ")");
        var row = sheet.createRow(0);
        for (int c = 0; c < columns.size(); c++) {
            var cell = row.createCell(c);
            cell.setCellValue(columns.get(c).header());
            cell.setCellStyle(header);
            sheet.setColumnWidth(c, Math.min(255, columns.get(c).width()) * 256);
        }
        sheet.createFreezePane(0, 1);
        rowInSheet = 0;
    }

    /** The autofilter covers the header and the rows of the sheet, known only once it is full. */
    private void finish() {
        if (sheet != null) {
            sheet.setAutoFilter(new CellRangeAddress(0, rowInSheet, 0, columns.size() - 1));
        }
    }

    /**
     * Writes the flushed rows through an unsynchronized buffer and deflates the file at the fastest
     * level: both dominate the time of a large export (profiled), and the fastest level still shrinks
     * the repetitive sheet XML about fivefold.
     */
    private static final class FastZipWorkbook extends SXSSFWorkbook {

        FastZipWorkbook() {
            super(WINDOW);
        }

        @Override
        protected SheetDataWriter createSheetDataWriter() throws IOException {
            return new SheetDataWriter() {
                @Override
                public Writer createWriter(File file) throws IOException {
                    return new UnsynchronizedWriter(new OutputStreamWriter(new FileOutputStream(file), StandardCharsets.UTF_8));
                }
            };
        }

        @Override
        protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream stream) {
            var zip = super.createArchiveOutputStream(stream);
            zip.setLevel(Deflater.BEST_SPEED);
            return zip;
        }
    }

    private static CellStyle headerStyle(SXSSFWorkbook workbook) {
        var font = workbook.createFont();
        font.setBold(true);
        font.setColor(IndexedColors.WHITE.getIndex());
        var style = workbook.createCellStyle();
        style.setFont(font);
        style.setFillForegroundColor(IndexedColors.DARK_TEAL.getIndex());
        style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        style.setAlignment(HorizontalAlignment.LEFT);
        return style;
    }

    private static CellStyle format(SXSSFWorkbook workbook, String pattern) {
        var style = workbook.createCellStyle();
        style.setDataFormat(workbook.createDataFormat().getFormat(pattern));
        return style;
    }
}
