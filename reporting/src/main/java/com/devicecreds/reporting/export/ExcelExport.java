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
import org.apache.poi.util.Units;
import org.apache.poi.xssf.streaming.SXSSFPicture;
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
 * it is shown as typed and never evaluated. Column widths fit the widest value; every sheet prints one
 * page wide with its header row repeated and the report's heading in the page header and footer, and
 * the workbook's properties name the report ({@link PrintLayout}). Used by every report export; see
 * decisions 015 and 028.
 */
public final class ExcelExport implements TableExport {

    /** Data rows of one sheet: Excel's 1,048,576 rows less the header. */
    public static final int SHEET_ROWS = 1_048_575;
    private static final int WINDOW = 100;
    /** Charts are drawn at twice their size on the sheet, so that they stay sharp when zoomed or printed. */
    private static final int RENDER_SCALE = 2;
    /** The widest a chart is shown: a landscape A4 page's printable width at 96 pixels per inch. */
    private static final int MAX_CHART_PX = 960;
    private static final int MIN_CHART_PX = 640;
    /** Pixels of one character of column width in the default font (Excel's "maximum digit width" plus padding). */
    private static final int PX_PER_CHAR = 7;
    private static final int DEFAULT_COLUMN_PX = 64;
    private static final int DEFAULT_ROW_PX = 20;
    /** The chart starts on the third row, below the report's heading. */
    private static final int CHART_ROW = 2;
    /** 1970-01-01 as a serial day of the 1900 date system. */
    private static final double EXCEL_EPOCH_DAYS = 25_569;
    private static final double SECONDS_PER_DAY = 86_400;

    private final SXSSFWorkbook workbook = new FastZipWorkbook();
    private final ReportHeading heading;
    private final String name;
    private final List<ExcelColumn> columns;
    private final int rowsPerSheet;
    private final RowCounter counter;
    private final ColumnWidths widths;
    private final CellStyle header;
    private final CellStyle text;
    private final CellStyle quoted;
    private final CellStyle integer;
    private final CellStyle date;
    private final CellStyle dateTime;
    private SXSSFSheet sheet;
    private int sheets;
    private int rowInSheet;

    /** A report whose heading is its sheet's name (tests and benchmarks). */
    public ExcelExport(String sheetName, List<ExcelColumn> columns, ExportProgress progress) {
        this(sheetName, columns, SHEET_ROWS, progress);
    }

    /** With a smaller sheet limit than Excel's (tests of the overflow). */
    public ExcelExport(String sheetName, List<ExcelColumn> columns, int rowsPerSheet, ExportProgress progress) {
        this(ReportHeading.now(sheetName, "", ""), sheetName, columns, rowsPerSheet, progress);
    }

    public ExcelExport(ReportHeading heading, String sheetName, List<ExcelColumn> columns, int rowsPerSheet,
            ExportProgress progress) {
        if (rowsPerSheet < 1 || rowsPerSheet > SHEET_ROWS) {
            throw new IllegalArgumentException("rows per sheet must be 1 to " + SHEET_ROWS + ", was " + rowsPerSheet);
        }
        this.heading = heading;
        this.name = sheetName;
        this.columns = List.copyOf(columns);
        this.rowsPerSheet = rowsPerSheet;
        this.counter = new RowCounter(progress);
        this.widths = new ColumnWidths(this.columns);
        this.header = headerStyle(workbook);
        this.text = workbook.createCellStyle();
        this.quoted = workbook.createCellStyle();
        quoted.setQuotePrefixed(true);
        this.integer = format(workbook, "#,##0");
        // Days and times on the left, so that they do not run into the text column beside them.
        this.date = format(workbook, "yyyy-mm-dd");
        date.setAlignment(HorizontalAlignment.LEFT);
        // The zone is in every time column's header and every page's footer, not in the cells' format:
        // readers that recognize dates by their format (POI's among them) would take a quoted "UTC" for text.
        this.dateTime = format(workbook, "yyyy-mm-dd hh:mm:ss");
        dateTime.setAlignment(HorizontalAlignment.LEFT);
        PrintLayout.properties(workbook, heading);
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

    @Override
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
            widths.observe(c, v);
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
        counter.counted();
    }

    /**
     * Adds a sheet that shows the chart before the data sheets, laid out at {@code widthPx} ×
     * {@code heightPx}, drawn on white at twice that, and shown about as wide as the table (at most a
     * landscape page) with the same aspect ratio.
     */
    @Override
    public void chart(String sheetName, JFreeChart chart, int widthPx, int heightPx) {
        chart.setBackgroundPaint(java.awt.Color.WHITE);
        var image = chart.createBufferedImage(widthPx * RENDER_SCALE, heightPx * RENDER_SCALE, widthPx, heightPx, null);
        var png = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int tablePx = columns.stream().mapToInt(ExcelColumn::width).sum() * PX_PER_CHAR;
        int shownWidth = Math.clamp(tablePx, MIN_CHART_PX, MAX_CHART_PX);
        chart(sheetName, png.toByteArray(), shownWidth, (int) Math.round((double) shownWidth * heightPx / widthPx));
    }

    /**
     * Adds a sheet that shows a chart image (PNG) at the given size in pixels, below the report's
     * heading and before the data sheets. The image may have more pixels than it is shown with.
     */
    public void chart(String sheetName, byte[] png, int widthPx, int heightPx) {
        var chartSheet = workbook.createSheet(sheetName);
        var caption = chartSheet.createRow(0).createCell(0);
        caption.setCellValue(heading.describe());
        caption.setCellStyle(bold(workbook));
        int picture = workbook.addPicture(png, Workbook.PICTURE_TYPE_PNG);
        // Anchored cell by cell in the sheet's default cells (64 × 20 pixels in Excel and LibreOffice),
        // and sized exactly: the image has more pixels than it is shown with, so it is never resized by them.
        var anchor = workbook.getCreationHelper().createClientAnchor();
        anchor.setAnchorType(ClientAnchor.AnchorType.MOVE_DONT_RESIZE);
        anchor.setCol1(0);
        anchor.setRow1(CHART_ROW);
        anchor.setCol2(widthPx / DEFAULT_COLUMN_PX);
        anchor.setDx2(Units.pixelToEMU(widthPx % DEFAULT_COLUMN_PX));
        anchor.setRow2(CHART_ROW + heightPx / DEFAULT_ROW_PX);
        anchor.setDy2(Units.pixelToEMU(heightPx % DEFAULT_ROW_PX));
        var shown = (SXSSFPicture) chartSheet.createDrawingPatriarch().createPicture(anchor, picture);
        var size = shown.getCTPicture().getSpPr().getXfrm().getExt();
        size.setCx(Units.pixelToEMU(widthPx));
        size.setCy(Units.pixelToEMU(heightPx));
        PrintLayout.chartSheet(chartSheet, heading);
        workbook.setSheetOrder(sheetName, 0);
        workbook.setActiveSheet(0);
        workbook.setSelectedTab(0);
    }

    @Override
    public long rows() {
        return counter.rows();
    }

    /** Data sheets written so far. */
    public int sheets() {
        return sheets;
    }

    @Override
    public void writeTo(OutputStream out) {
        if (sheet == null) {
            nextSheet();
        }
        finish();
        counter.done();
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
        }
        sheet.createFreezePane(0, 1);
        rowInSheet = 0;
    }

    /**
     * The autofilter covers the header and the rows of the sheet, known only once it is full; the
     * column widths fit the widest value so far, and decide the page's orientation.
     */
    private void finish() {
        if (sheet != null) {
            sheet.setAutoFilter(new CellRangeAddress(0, rowInSheet, 0, columns.size() - 1));
            for (int c = 0; c < columns.size(); c++) {
                sheet.setColumnWidth(c, widths.chars(c) * 256);
            }
            PrintLayout.dataSheet(sheet, heading, widths.total(), rowInSheet);
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

    private static CellStyle bold(SXSSFWorkbook workbook) {
        var font = workbook.createFont();
        font.setBold(true);
        var style = workbook.createCellStyle();
        style.setFont(font);
        return style;
    }

    private static CellStyle format(SXSSFWorkbook workbook, String pattern) {
        var style = workbook.createCellStyle();
        style.setDataFormat(workbook.createDataFormat().getFormat(pattern));
        return style;
    }
}
