package com.devicecreds.reporting.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvExportTest {

    private static final List<ExcelColumn> COLUMNS = List.of(ExcelColumn.text("Device ID", 20), ExcelColumn.integer("Attempts"),
            ExcelColumn.date("Day (UTC)"), ExcelColumn.dateTime("Last seen (UTC)"));
    private static final ReportHeading HEADING = ReportHeading.now("Test", "nordkabel", "today");

    @Test
    void a_csv_export_is_utf8_with_a_bom_crlf_lines_and_rfc_4180_quoting() {
        byte[] file = export(e -> {
            e.row("0C4F5A0ABBCC", 12_345, LocalDate.of(2026, 11, 20), Instant.parse("2026-11-20T13:45:12Z"));
            e.row("Acme, \"Söhne\"\nline two", 0, null, null);
        });
        assertThat(Arrays.copyOf(file, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(new String(file, 3, file.length - 3, StandardCharsets.UTF_8)).isEqualTo("""
                Device ID,Attempts,Day (UTC),Last seen (UTC)\r
                0C4F5A0ABBCC,12345,2026-11-20,2026-11-20T13:45:12Z\r
                "Acme, ""Söhne""
                line two",0,,\r
                """);
    }

    @Test
    void text_that_a_spreadsheet_would_evaluate_gets_a_leading_apostrophe_like_the_excel_export_marks_it() {
        var hostile = List.of("=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "=cmd|'/c calc'!A0");
        for (String value : hostile) {
            assertThat(ExcelExport.looksLikeFormula(value)).isTrue();
            String field = CsvExport.field(value, ExcelColumn.Kind.TEXT);
            assertThat(field.startsWith("'") || field.startsWith("\"'")).as(value).isTrue();
        }
        assertThat(CsvExport.field("=1,2", ExcelColumn.Kind.TEXT)).isEqualTo("\"'=1,2\"");
        assertThat(CsvExport.field("plain model", ExcelColumn.Kind.TEXT)).isEqualTo("plain model");
        assertThat(CsvExport.field(-5, ExcelColumn.Kind.INTEGER)).as("numbers are never text").isEqualTo("-5");
    }

    @Test
    void a_cancelled_csv_export_stops_with_the_rows_written_so_far() {
        var progress = new ExportProgress() {
            @Override
            public void rowsWritten(long rows) {
            }

            @Override
            public boolean cancelled() {
                return true;
            }
        };
        try (var export = ExportFormat.CSV.open(HEADING, "Rows", COLUMNS, progress)) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 10_000; i++) {
                    export.row("X", i, null, null);
                }
            }).isInstanceOf(ExportCancelledException.class).hasMessageContaining("5000 rows");
            assertThat(export.rows()).isEqualTo(5_000);
        }
    }

    private static byte[] export(java.util.function.Consumer<TableExport> rows) {
        try (var export = ExportFormat.CSV.open(HEADING, "Rows", COLUMNS, ExportProgress.NONE)) {
            rows.accept(export);
            var out = new ByteArrayOutputStream();
            export.writeTo(out);
            return out.toByteArray();
        }
    }
}
