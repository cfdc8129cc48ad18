package com.devicecreds.portal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import com.devicecreds.access.HiddenCredentialType;
import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.Roles;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.database.SchemaOwner;
import com.devicecreds.reporting.devices.DeviceEvent;
import com.devicecreds.reporting.devices.DeviceSearchService;
import com.devicecreds.reporting.export.ExportFormat;
import com.devicecreds.reporting.export.ExportProgress;
import com.devicecreds.reporting.export.ReportExportService;
import com.devicecreds.reporting.schedules.Cadence;
import com.devicecreds.reporting.schedules.ReportKind;
import com.devicecreds.reporting.schedules.ReportPeriod;
import com.devicecreds.reporting.schedules.ReportSchedule;
import com.devicecreds.reporting.schedules.ScheduledReportWorkbook;
import com.devicecreds.reporting.schedules.Timing;
import com.devicecreds.reporting.usage.Granularity;
import com.devicecreds.reporting.usage.UsageQuery;
import com.devicecreds.reporting.usage.UsageRow;
import com.devicecreds.reporting.usage.UsageService;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A device of operator A asks for a credential type of operator B: the provisioning service refuses
 * it ({@code operator-not-authorized}) and records the request as A's. Row-level security hides B's
 * type from A's staff, and jobs that report for A must hide it too. A's usage page, its export, the
 * scheduled usage report and the device timeline count the requests under one label and show
 * nothing of B's type (decision 023).
 */
@PortalTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HiddenCredentialTypeTest {

    @Autowired
    UsageService usage;
    @Autowired
    ReportExportService exports;
    @Autowired
    ScheduledReportWorkbook scheduledReports;
    @Autowired
    DeviceSearchService devices;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    @SchemaOwner
    DataSource schemaOwner;

    private OperatorRef a;
    private TenantFixture.Type typeOfA;
    private TenantFixture.Type typeOfB;
    private String device;
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    @BeforeAll
    void aDeviceOfAAsksForTheTypeOfB() {
        var fixture = new TenantFixture(jdbc, JdbcClient.create(schemaOwner));
        a = fixture.operator("hidden-a");
        var b = fixture.operator("hidden-b");
        typeOfA = fixture.type("own-a", a);
        typeOfB = fixture.type("secret-b", b);
        fixture.events(a, typeOfA, "delivered", null, 2, Duration.ofHours(1));
        fixture.events(a, typeOfB, "rejected", "operator-not-authorized", 3, Duration.ofHours(1));
        device = fixture.uniqueMac();
        fixture.deviceEvent(a, typeOfA, device, "delivered", null, Duration.ofHours(2));
        fixture.deviceEvent(a, typeOfB, device, "rejected", "operator-not-authorized", Duration.ofHours(1));
    }

    @Test
    void operator_staff_see_requests_for_a_type_they_may_not_see_counted_under_one_label() {
        try (var staff = SignedIn.as(SignedIn.operatorStaff(a.code()))) {
            var report = usage.usage(week());

            assertThat(report.rows()).extracting(UsageRow::credentialType)
                    .containsOnly("Type " + typeOfA.code(), HiddenCredentialType.NAME);
            var hidden = report.rows().stream().filter(r -> r.credentialType().equals(HiddenCredentialType.NAME)).toList();
            assertThat(hidden).extracting(UsageRow::credentialTypeId).containsOnly(HiddenCredentialType.ID);
            assertThat(hidden.stream().mapToLong(UsageRow::rejected).sum()).isEqualTo(4);
            assertThat(report.current().rejected()).isEqualTo(4);
            assertThat(report.byType()).extracting(c -> c.credentialType()).doesNotContain("Type " + typeOfB.code());
        }
    }

    @Test
    void the_usage_export_of_operator_staff_holds_the_label_and_nothing_of_the_other_operators_type() throws IOException {
        var out = new ByteArrayOutputStream();
        try (var staff = SignedIn.as(SignedIn.operatorStaff(a.code()))) {
            exports.exportUsage(week(), ExportFormat.XLSX, out, ExportProgress.NONE);
        }
        var text = String.join("\n", cellTexts(out.toByteArray()));
        assertThat(text).contains(HiddenCredentialType.NAME).doesNotContain(typeOfB.code());
    }

    @Test
    void the_scheduled_usage_report_run_as_the_system_hides_the_other_operators_type_too() throws IOException {
        var schedule = new ReportSchedule(0, a, ReportKind.USAGE, ExportFormat.XLSX,
                new Timing(Cadence.WEEKLY, Optional.of(DayOfWeek.MONDAY), Optional.empty(), LocalTime.of(6, 0), ZoneOffset.UTC),
                true, List.of(), Instant.now(), "test", Instant.now(), Optional.empty(), Optional.empty(), Optional.empty());
        var out = new ByteArrayOutputStream();
        long rows = transaction.execute(tx ->
                scheduledReports.write(schedule, new ReportPeriod(today.minusDays(6), today), out));

        assertThat(rows).isPositive();
        var text = String.join("\n", cellTexts(out.toByteArray()));
        assertThat(text).contains(HiddenCredentialType.NAME).doesNotContain(typeOfB.code());
    }

    @Test
    void the_device_timeline_shows_every_request_of_the_device_and_labels_the_hidden_type() {
        try (var staff = SignedIn.as(SignedIn.operatorStaff(a.code()))) {
            var timeline = devices.timeline(device, 0, 50);

            assertThat(devices.timelineSize(device)).isEqualTo(2);
            assertThat(timeline).extracting(DeviceEvent::credentialType)
                    .containsExactly(HiddenCredentialType.NAME, "Type " + typeOfA.code());
        }
        try (var pki = SignedIn.as(SignedIn.withRole(Roles.PKI_OPS))) {
            assertThat(devices.timeline(device, 0, 50)).extracting(DeviceEvent::credentialType)
                    .containsExactly("Type " + typeOfB.code(), "Type " + typeOfA.code());
        }
    }

    private UsageQuery week() {
        return new UsageQuery(Optional.empty(), today.minusDays(6), today, Granularity.DAY);
    }

    private static List<String> cellTexts(byte[] workbook) throws IOException {
        var texts = new ArrayList<String>();
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
            book.forEach(sheet -> sheet.forEach(row -> {
                for (Cell cell : row) {
                    if (cell.getCellType() == CellType.STRING) {
                        texts.add(cell.getStringCellValue());
                    }
                }
            }));
        }
        return texts;
    }
}
