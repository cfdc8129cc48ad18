package com.devicecreds.reporting.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class ExcelExportTest {

    private static final List<ExcelColumn> COLUMNS = List.of(ExcelColumn.text("Device ID", 20), ExcelColumn.integer("Attempts"),
            ExcelColumn.date("Day (UTC)"), ExcelColumn.dateTime("Last seen (UTC)"));

    @Test
    void numbers_are_numeric_cells_and_times_are_date_cells_under_a_frozen_filtered_header() throws IOException {
        var seen = Instant.parse("2026-11-20T13:45:12Z");
        byte[] file = export(COLUMNS, ExcelExport.SHEET_ROWS, e -> {
            e.row("0C4F5A0ABBCC", 12_345, LocalDate.of(2026, 11, 20), seen);
            e.row("SERIAL-1 <Acme & \"Söhne\">", 0, null, null);
        });
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            var sheet = book.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("Rows");
            assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("Attempts");
            assertThat(sheet.getRow(0).getCell(0).getCellStyle().getFont().getBold()).isTrue();
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:D3");

            var row = sheet.getRow(1);
            assertThat(row.getCell(0).getCellType()).isEqualTo(CellType.STRING);
            assertThat(row.getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(row.getCell(1).getNumericCellValue()).isEqualTo(12_345);
            assertThat(DateUtil.isCellDateFormatted(row.getCell(2))).isTrue();
            assertThat(row.getCell(2).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2026, 11, 20));
            assertThat(DateUtil.isCellDateFormatted(row.getCell(3))).isTrue();
            assertThat(row.getCell(3).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.ofInstant(seen, ZoneOffset.UTC));
            assertThat(sheet.getRow(2).getCell(2)).isNull();
            assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo("SERIAL-1 <Acme & \"Söhne\">");
        }
    }

    @Test
    void text_that_a_spreadsheet_would_evaluate_is_stored_as_quote_prefixed_text_and_never_as_a_formula() throws IOException {
        var hostile = List.of("=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=cmd|'/c calc'!A0");
        byte[] file = export(List.of(ExcelColumn.text("Model", 30)), ExcelExport.SHEET_ROWS, e -> {
            hostile.forEach(e::row);
            e.row("plain model");
        });
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            var sheet = book.getSheetAt(0);
            for (int i = 0; i < hostile.size(); i++) {
                var cell = sheet.getRow(i + 1).getCell(0);
                assertThat(cell.getCellType()).as(hostile.get(i)).isEqualTo(CellType.STRING);
                assertThat(cell.getStringCellValue()).isEqualTo(hostile.get(i));
                assertThat(cell.getCellStyle().getQuotePrefixed()).as(hostile.get(i)).isTrue();
            }
            assertThat(sheet.getRow(hostile.size() + 1).getCell(0).getCellStyle().getQuotePrefixed()).isFalse();
        }
    }

    @Test
    void rows_beyond_a_sheets_limit_continue_on_the_next_sheet_each_with_its_header() throws IOException {
        byte[] file = export(COLUMNS, 4, e -> {
            for (int i = 1; i <= 10; i++) {
                e.row("ID-" + i, i, null, null);
            }
        });
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            assertThat(book.getNumberOfSheets()).isEqualTo(3);
            assertThat(book.getSheetAt(1).getSheetName()).isEqualTo("Rows (2)");
            assertThat(book.getSheetAt(2).getSheetName()).isEqualTo("Rows (3)");
            assertThat(book.getSheetAt(1).getRow(0).getCell(0).getStringCellValue()).isEqualTo("Device ID");
            assertThat(book.getSheetAt(1).getRow(1).getCell(1).getNumericCellValue()).isEqualTo(5);
            assertThat(book.getSheetAt(2).getLastRowNum()).isEqualTo(2);
            assertThat(book.getSheetAt(2).getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:D3");
            long numbers = 0;
            for (var sheet : book) {
                for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                    numbers += (long) sheet.getRow(r).getCell(1).getNumericCellValue();
                }
            }
            assertThat(numbers).isEqualTo(55);
        }
    }

    @Test
    void a_chart_image_gets_its_own_first_sheet() throws IOException {
        byte[] png = java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        byte[] file = export(COLUMNS, ExcelExport.SHEET_ROWS, e -> {
            e.chart("Chart", png, 640, 320);
            e.row("A", 1, null, null);
        });
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            assertThat(book.getSheetAt(0).getSheetName()).isEqualTo("Chart");
            assertThat(book.getAllPictures()).hasSize(1);
            assertThat(book.getSheetAt(1).getSheetName()).isEqualTo("Rows");
        }
    }

    @Test
    void a_cancelled_export_stops_with_the_rows_written_so_far() {
        var progress = new ExportProgress() {
            long last;

            @Override
            public void rowsWritten(long rows) {
                last = rows;
            }

            @Override
            public boolean cancelled() {
                return last >= 10_000;
            }
        };
        try (var export = new ExcelExport("Rows", COLUMNS, progress)) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 100_000; i++) {
                    export.row("X", i, null, null);
                }
            }).isInstanceOf(ExportCancelledException.class).hasMessageContaining("10000 rows");
            assertThat(export.rows()).isEqualTo(10_000);
        }
    }

    private static byte[] export(List<ExcelColumn> columns, int rowsPerSheet, java.util.function.Consumer<ExcelExport> rows) {
        try (var export = new ExcelExport("Rows", columns, rowsPerSheet, ExportProgress.NONE)) {
            rows.accept(export);
            var out = new ByteArrayOutputStream();
            export.writeTo(out);
            return out.toByteArray();
        }
    }
}
