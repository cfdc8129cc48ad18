package com.devicecreds.reporting.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

import org.apache.poi.util.Units;
import org.apache.poi.xssf.usermodel.XSSFPicture;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PiePlot;
import org.jfree.data.general.DefaultPieDataset;
import org.junit.jupiter.api.Test;

/** How an export prints and describes itself (decision 028); LibreOffice's view of it is tested in the portal. */
class ExcelExportLayoutTest {

    private static final ReportHeading HEADING = new ReportHeading("Usage report", "nordkabel & co",
            "2026-11-01 to 2026-11-30 (UTC days, per day)", Instant.parse("2026-12-04T05:40:12Z"));
    private static final List<ExcelColumn> NARROW = List.of(ExcelColumn.text("Device ID", 20), ExcelColumn.integer("Attempts"));
    private static final List<ExcelColumn> WIDE = List.of(ExcelColumn.text("Details", 60), ExcelColumn.text("Row hash", 66),
            ExcelColumn.text("More", 60), ExcelColumn.text("Even more", 60));

    @Test
    void the_workbook_names_its_report_operator_period_and_the_portal_as_author() throws IOException {
        try (var book = read(export(NARROW, e -> e.row("A", 1)))) {
            var core = book.getProperties().getCoreProperties();
            assertThat(core.getTitle()).isEqualTo("Usage report · nordkabel & co");
            assertThat(core.getSubject()).isEqualTo("Usage report · nordkabel & co · 2026-11-01 to 2026-11-30 (UTC days, per day)");
            assertThat(core.getCreator()).isEqualTo("Credentials Portal");
            assertThat(core.getCreated().toInstant()).isEqualTo(HEADING.generatedAt());
        }
    }

    @Test
    void every_page_is_one_table_wide_with_the_header_row_and_the_reports_heading() throws IOException {
        try (var book = read(export(NARROW, e -> e.row("A", 1)))) {
            var sheet = book.getSheetAt(0);
            assertThat(sheet.getPrintSetup().getLandscape()).as("a narrow table prints upright").isFalse();
            assertThat(sheet.getFitToPage()).isTrue();
            assertThat(sheet.getPrintSetup().getFitWidth()).isEqualTo((short) 1);
            assertThat(sheet.getPrintSetup().getFitHeight()).as("more pages than one row needs: the width decides")
                    .isEqualTo((short) 1);
            assertThat(sheet.getPrintSetup().getPaperSize()).isEqualTo(org.apache.poi.ss.usermodel.PrintSetup.A4_PAPERSIZE);
            assertThat(sheet.getRepeatingRows().formatAsString()).isEqualTo("1:1");
            assertThat(sheet.getHeader().getLeft()).isEqualTo("&BUsage report");
            assertThat(sheet.getHeader().getCenter()).isEqualTo("nordkabel && co");
            assertThat(sheet.getHeader().getRight()).isEqualTo("2026-11-01 to 2026-11-30 (UTC days, per day)");
            assertThat(sheet.getFooter().getLeft()).isEqualTo("Generated 2026-12-04 05:40 UTC; times in UTC");
            assertThat(sheet.getFooter().getRight()).isEqualTo("Page &P of &N");
        }
        try (var book = read(export(WIDE, e -> {
            for (int i = 0; i < 25; i++) {
                e.row("x".repeat(68), "ab".repeat(34), "y".repeat(68), "z".repeat(68));
            }
        }))) {
            var setup = book.getSheetAt(0).getPrintSetup();
            assertThat(setup.getLandscape()).as("a wide table prints landscape").isTrue();
            assertThat(setup.getFitHeight()).as("25 rows cannot need more than 3 pages").isEqualTo((short) 3);
        }
    }

    @Test
    void columns_are_as_wide_as_their_widest_value_or_header() throws IOException {
        try (var book = read(export(NARROW, e -> {
            e.row("0C4F5A0ABBCC00112233", 7);
            e.row("short", 1_234_567_890);
        }))) {
            var sheet = book.getSheetAt(0);
            assertThat(sheet.getColumnWidth(0) / 256).isEqualTo(20 + 2);
            assertThat(sheet.getColumnWidth(1) / 256).as("1,234,567,890").isEqualTo(13 + 2);
        }
    }

    @Test
    void a_chart_is_shown_about_as_wide_as_the_table_in_its_aspect_ratio_on_one_landscape_page() throws IOException {
        var data = new DefaultPieDataset<String>();
        data.setValue("a", 1);
        var columns = List.of(ExcelColumn.text("Type", 80), ExcelColumn.integer("Requests"), ExcelColumn.integer("Rejected"));
        try (var book = read(export(columns, e -> {
            e.chart("Requests chart", new JFreeChart(new PiePlot<>(data)), 1000, 360);
            e.row("A", 1, 0);
        }))) {
            var chartSheet = book.getSheetAt(0);
            assertThat(chartSheet.getSheetName()).isEqualTo("Requests chart");
            var picture = (XSSFPicture) chartSheet.getDrawingPatriarch().getShapes().getFirst();
            var ext = picture.getCTPicture().getSpPr().getXfrm().getExt();
            int tablePx = (80 + 12 + 12) * 7;
            assertThat(ext.getCx()).isEqualTo(Units.pixelToEMU(tablePx));
            assertThat(ext.getCy()).isEqualTo(Units.pixelToEMU((int) Math.round(tablePx * 360 / 1000.0)));
            assertThat(picture.getPictureData().getData()).as("drawn at twice the size").isNotEmpty();
            var anchor = picture.getClientAnchor();
            assertThat(anchor.getCol2() - anchor.getCol1()).isEqualTo(tablePx / 64);
            assertThat(anchor.getRow2() - anchor.getRow1()).isEqualTo((int) Math.round(tablePx * 0.36) / 20);
            assertThat(chartSheet.getPrintSetup().getLandscape()).isTrue();
            assertThat(chartSheet.getPrintSetup().getFitWidth()).isEqualTo((short) 1);
            assertThat(chartSheet.getPrintSetup().getFitHeight()).isEqualTo((short) 1);
            var image = javax.imageio.ImageIO.read(new ByteArrayInputStream(picture.getPictureData().getData()));
            assertThat(image.getWidth()).isEqualTo(2000);
            assertThat(image.getHeight()).isEqualTo(720);
        }
    }

    private static byte[] export(List<ExcelColumn> columns, java.util.function.Consumer<ExcelExport> rows) {
        try (var export = new ExcelExport(HEADING, "Rows", columns, ExcelExport.SHEET_ROWS, ExportProgress.NONE)) {
            rows.accept(export);
            var out = new ByteArrayOutputStream();
            export.writeTo(out);
            return out.toByteArray();
        }
    }

    private static XSSFWorkbook read(byte[] file) throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(file));
    }
}
