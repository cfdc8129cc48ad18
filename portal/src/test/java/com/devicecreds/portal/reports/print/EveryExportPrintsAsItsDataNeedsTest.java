package com.devicecreds.portal.reports.print;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.Roles;
import com.devicecreds.audit.trail.AuditQuery;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.audit.AuditSpreadsheets;
import com.devicecreds.portal.security.SignedIn;
import com.devicecreds.reporting.export.ExportFormat;
import com.devicecreds.reporting.export.ExportProgress;
import com.devicecreds.reporting.export.ReportExportService;
import com.devicecreds.reporting.missing.MissingIdService;
import com.devicecreds.reporting.schedules.ReportKind;
import com.devicecreds.reporting.schedules.ReportSchedule;
import com.devicecreds.reporting.schedules.ScheduledReportWorkbook;
import com.devicecreds.reporting.schedules.Timing;
import com.devicecreds.reporting.usage.Granularity;
import com.devicecreds.reporting.usage.UsageQuery;
import org.apache.poi.xssf.usermodel.XSSFPicture;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every kind of spreadsheet the portal makes, from the demo world in the embedded PostgreSQL, opened
 * and printed to PDF by LibreOffice as a receiver's office would (decision 028): as many pages as
 * the rows need, each page one table wide with its header row, the first page not blank, and the
 * chart on one page of its own. The first pages are kept as PNG in {@code target/export-print-check}.
 */
@PortalTest
class EveryExportPrintsAsItsDataNeedsTest {

    private static final Path DIR = Path.of("target", "export-print-check");
    private static final String USER = "print.check";
    /** Fewer rows than this on a full page means paper wasted (a landscape A4 page at full size holds about 30). */
    private static final int FEWEST_ROWS_PER_PAGE = 25;
    /** More rows than this on a page could not be read. */
    private static final int MOST_ROWS_PER_PAGE = 160;

    @Autowired
    ReportExportService exports;
    @Autowired
    MissingIdService missingIds;
    @Autowired
    ScheduledReportWorkbook scheduled;
    @Autowired
    ApplicationContext context;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    JdbcClient jdbc;

    private record Produced(String name, Path file, long rows, boolean chart, String firstHeader, String lastHeader) {
    }

    @Test
    void every_export_prints_on_the_pages_its_rows_need_with_the_chart_on_one_page() throws Exception {
        Files.createDirectories(DIR);
        try (var files = Files.list(DIR)) {
            files.filter(Files::isRegularFile).forEach(f -> f.toFile().delete());
        }
        var produced = new ArrayList<Produced>();
        var today = LocalDate.now(ZoneOffset.UTC);
        var usage = new UsageQuery(Optional.empty(), today.minusDays(29), today, Granularity.DAY);
        String device = jdbc.sql("select device_id from provisioning_event group by device_id order by count(*) desc, device_id limit 1")
                .query(String.class).single();
        var rejecting = jdbc.sql("""
                select o.id, o.code from provisioning_event e join operator o on o.id = e.operator_id
                where e.rejection_reason in ('not-on-authorized-list', 'no-credential-for-device')
                group by o.id, o.code order by count(*) desc limit 1""").query(OperatorRef.class).single();
        try (var pki = SignedIn.as(SignedIn.user(USER, Optional.empty(), Roles.PKI_OPS))) {
            produced.add(write("usage", true, "Period start (UTC)", "Total",
                    out -> exports.exportUsage(usage, ExportFormat.XLSX, out, ExportProgress.NONE)));
            produced.add(write("device-events", false, "Time (UTC)", "Model",
                    out -> exports.exportTimeline(device, ExportFormat.XLSX, out, ExportProgress.NONE)));
            // Exporting marks the IDs as sent: rolled back, so that the shared demo world stays as it was.
            produced.add(rolledBack(() -> write("missing-ids", false, "Operator", "Resolved by part",
                    out -> missingIds.exportForOperator(rejecting, Optional.empty(), ExportFormat.XLSX, out, ExportProgress.NONE).rows())));
        }
        try (var auditor = SignedIn.as(SignedIn.withRole(Roles.AUDITOR))) {
            var query = new AuditQuery(Optional.of(USER), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty());
            produced.add(write("audit", false, "Sequence", "Row hash",
                    out -> AuditSpreadsheets.export(context, query, ExportFormat.XLSX, out)));
        }
        var weekly = Timing.weekly(DayOfWeek.MONDAY, LocalTime.of(6, 0), ZoneOffset.UTC);
        var period = weekly.periodBefore(Instant.now());
        for (var kind : ReportKind.values()) {
            var schedule = new ReportSchedule(0, rejecting, kind, ExportFormat.XLSX, weekly, true, List.of(), Instant.EPOCH, USER, Instant.EPOCH,
                    Optional.empty(), Optional.empty(), Optional.empty());
            boolean isUsage = kind == ReportKind.USAGE;
            produced.add(rolledBack(() -> write("scheduled-" + kind.code(), isUsage, isUsage ? "Period start (UTC)" : "Operator",
                    isUsage ? "Total" : "Resolved by part", out -> scheduled.write(schedule, period, out))));
        }

        assertUsageChartAnchoredInAFewCells(produced.getFirst().file());
        var pdfs = Office.toPdf(DIR.toAbsolutePath(), produced.stream().map(p -> p.file().toAbsolutePath()).toList());
        for (int i = 0; i < produced.size(); i++) {
            assertPrints(produced.get(i), pdfs.get(i));
        }
    }

    private Produced write(String name, boolean chart, String firstHeader, String lastHeader, ToLongFunction<OutputStream> export)
            throws IOException {
        var out = new ByteArrayOutputStream();
        long rows = export.applyAsLong(out);
        Path file = DIR.resolve(name + ".xlsx");
        Files.write(file, out.toByteArray());
        return new Produced(name, file, rows, chart, firstHeader, lastHeader);
    }

    private <T> T rolledBack(java.util.concurrent.Callable<T> work) {
        return new TransactionTemplate(transactions).execute(status -> {
            status.setRollbackOnly();
            try {
                return work.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void assertPrints(Produced export, Path pdf) throws Exception {
        int pages = Office.pages(pdf);
        int chartPages = export.chart() ? 1 : 0;
        int dataPages = pages - chartPages;
        long lines = export.rows() + 1;
        System.out.printf("export %-22s %6d rows  %3d pages (%d chart, %d table)%n", export.name(), export.rows(), pages,
                chartPages, dataPages);
        assertThat(dataPages).as("%s: pages of %d rows", export.name(), export.rows())
                .isBetween((int) Math.max(1, ceil(lines, MOST_ROWS_PER_PAGE)), (int) Math.max(1, ceil(lines, FEWEST_ROWS_PER_PAGE)));
        for (int page = chartPages + 1; page <= pages; page++) {
            // One page wide, header row repeated: every page of the table shows its first and last column's header.
            assertThat(Office.text(pdf, page)).as("%s: page %d", export.name(), page)
                    .contains(export.firstHeader(), export.lastHeader());
        }
        var first = Ink.of(Office.render(pdf, 1, DIR.resolve(export.name() + "-page-1.png")));
        assertThat(first.inked()).as("%s: ink on the first page", export.name()).isGreaterThan(0.01);
        if (export.chart()) {
            assertThat(first.coloured()).as("%s: the chart's bars on the first page", export.name()).isGreaterThan(0.02);
            assertThat(Office.text(pdf, 1)).as("%s: the chart page holds no table", export.name())
                    .doesNotContain(export.firstHeader());
        }
    }

    /** The acceptance figure of issue 17: the chart spans about 20 columns and 40 rows at most, not 557 × 648. */
    private static void assertUsageChartAnchoredInAFewCells(Path usage) throws IOException {
        try (var book = new XSSFWorkbook(Files.newInputStream(usage))) {
            var picture = (XSSFPicture) book.getSheetAt(0).getDrawingPatriarch().getShapes().getFirst();
            var anchor = picture.getClientAnchor();
            int columns = anchor.getCol2() - anchor.getCol1();
            int rows = anchor.getRow2() - anchor.getRow1();
            var ext = picture.getCTPicture().getSpPr().getXfrm().getExt();
            System.out.printf("usage chart anchored %s%d:%s%d, %d columns x %d rows, %.1f x %.1f cm%n",
                    column(anchor.getCol1()), anchor.getRow1() + 1, column(anchor.getCol2()), anchor.getRow2() + 1, columns, rows,
                    ext.getCx() / 360_000.0, ext.getCy() / 360_000.0);
            assertThat(columns).isBetween(8, 20);
            assertThat(rows).isBetween(8, 40);
            assertThat((double) ext.getCx() / ext.getCy()).as("aspect ratio of the 1000 × 360 layout").isCloseTo(1000 / 360.0,
                    org.assertj.core.data.Offset.offset(0.05));
        }
    }

    private static String column(int index) {
        return org.apache.poi.ss.util.CellReference.convertNumToColString(index);
    }

    private static long ceil(long a, long b) {
        return (a + b - 1) / b;
    }
}
