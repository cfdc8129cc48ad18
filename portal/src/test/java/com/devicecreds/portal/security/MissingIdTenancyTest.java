package com.devicecreds.portal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.Roles;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.database.SchemaOwner;
import com.devicecreds.reporting.export.ExportFormat;
import com.devicecreds.reporting.export.ExportProgress;
import com.devicecreds.reporting.export.ReportExportService;
import com.devicecreds.reporting.lists.ListPartImport;
import com.devicecreds.reporting.lists.ListPartImportService;
import com.devicecreds.reporting.missing.MissingId;
import com.devicecreds.reporting.missing.MissingIdQuery;
import com.devicecreds.reporting.missing.MissingIdTotals;
import com.devicecreds.reporting.missing.MissingIdService;
import com.devicecreds.reporting.missing.MissingIdStatus;
import com.devicecreds.reporting.missing.MissingIds;
import com.devicecreds.reporting.missing.TypeChoice;
import com.devicecreds.reporting.usage.Granularity;
import com.devicecreds.reporting.usage.UsageQuery;
import com.devicecreds.reporting.usage.UsageService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * Missing IDs, list part imports and spreadsheet exports between two tenants ({@link TwoTenants}):
 * operator staff list, chart and export their own operator's rows only and import nothing; PKI
 * operations see both and import for either. Each public method of {@link MissingIdService},
 * {@link ListPartImportService} and {@link ReportExportService} is tried here ({@link #COVERED},
 * checked by TenantIsolationTest).
 */
@PortalTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MissingIdTenancyTest {

    static final Set<String> COVERED = Set.of(
            "MissingIdService.page(MissingIdQuery, int, int)",
            "MissingIdService.count(MissingIdQuery)",
            "MissingIdService.totals(MissingIdQuery)",
            "MissingIdService.credentialTypes(Optional)",
            "MissingIdService.convergence(OperatorRef, Optional)",
            "MissingIdService.exportForOperator(OperatorRef, Optional, ExportFormat, OutputStream, ExportProgress)",
            "ListPartImportService.importPart(OperatorRef, int, String, InputStream)",
            "ReportExportService.exportUsage(UsageQuery, ExportFormat, OutputStream, ExportProgress)",
            "ReportExportService.exportTimeline(String, ExportFormat, OutputStream, ExportProgress)");

    @Autowired
    MissingIdService missingIds;
    @Autowired
    MissingIds missingLists;
    @Autowired
    ListPartImportService listImports;
    @Autowired
    ReportExportService exports;
    @Autowired
    UsageService usage;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    @SchemaOwner
    DataSource schemaOwner;

    private OperatorRef a;
    private OperatorRef b;
    private TenantFixture.Type typeOfA;
    private TenantFixture.Type typeOfB;
    private TenantFixture.Type sharedForA;
    private String sharedDevice;
    private String deviceOfB;

    @BeforeAll
    void twoTenants() {
        var world = new TwoTenants(jdbc, JdbcClient.create(schemaOwner));
        a = world.a;
        b = world.b;
        typeOfA = world.typeOfA;
        typeOfB = world.typeOfB;
        sharedForA = world.sharedForA;
        sharedDevice = world.sharedDevice;
        deviceOfB = world.deviceOfB;
    }

    @Test
    void operator_staff_list_chart_and_export_only_their_own_operators_missing_ids_and_cannot_import() throws Exception {
        missingLists.compact();
        try (var staffOfA = SignedIn.as(SignedIn.operatorStaff(a.code()))) {
            var all = MissingIdQuery.all();
            assertThat(missingIds.page(all, 0, 500)).isNotEmpty().extracting(MissingId::operatorCode).containsOnly(a.code());
            assertThat(missingIds.count(all)).isEqualTo(missingInDatabase(a));
            assertThat(missingIds.totals(all).listed()).isEqualTo(missingInDatabase(a));
            var ofB = new MissingIdQuery(Optional.of(b), Optional.empty(), Optional.empty());
            assertThat(missingIds.page(ofB, 0, 500)).isEmpty();
            assertThat(missingIds.count(ofB)).isZero();
            assertThat(missingIds.totals(ofB)).isEqualTo(new MissingIdTotals(0, 0));
            assertThat(missingIds.credentialTypes(Optional.empty())).extracting(TypeChoice::id)
                    .containsExactlyInAnyOrder(typeOfA.id(), sharedForA.id());
            assertThat(missingIds.credentialTypes(Optional.of(b))).isEmpty();
            assertThat(missingIds.convergence(b, Optional.empty())).isEmpty();
            assertThat(missingIds.convergence(a, Optional.of(typeOfA.id()))).isNotEmpty();

            var sheetOfB = new java.io.ByteArrayOutputStream();
            assertThat(missingIds.exportForOperator(b, Optional.empty(), ExportFormat.XLSX, sheetOfB, ExportProgress.NONE).rows()).isZero();
            assertThat(operatorsInSheet(sheetOfB.toByteArray())).isEmpty();
            assertThat(jdbc.sql("select count(*) from missing_device_id where operator_id = ? and status <> 'new'")
                    .param(b.id()).query(Long.class).single()).isZero();
            var sheetOfA = new java.io.ByteArrayOutputStream();
            assertThat(missingIds.exportForOperator(a, Optional.empty(), ExportFormat.XLSX, sheetOfA, ExportProgress.NONE).rows())
                    .isEqualTo(missingInDatabase(a));
            assertThat(operatorsInSheet(sheetOfA.toByteArray())).containsOnly(a.code());

            assertThatThrownBy(() -> listImports.importPart(a, typeOfA.id(), "part.csv", csv(sharedDevice)))
                    .isInstanceOf(AccessDeniedException.class);
        }
        try (var pki = SignedIn.as(SignedIn.withRole(Roles.PKI_OPS))) {
            assertThat(missingIds.page(MissingIdQuery.all(), 0, 500)).extracting(MissingId::operatorCode).contains(a.code(), b.code());
            var imported = (ListPartImport.Imported) listImports.importPart(b, typeOfB.id(), "part.csv", csv(sharedDevice));
            assertThat(imported.resolved()).isEqualTo(1);
            assertThat(jdbc.sql("select status from missing_device_id where operator_id = ? and device_id = ?")
                    .params(b.id(), sharedDevice).query(String.class).single()).isEqualTo("resolved");
            assertThat(missingIds.convergence(b, Optional.of(typeOfB.id()))).isNotEmpty();
            // B's list part is refused for a type B does not use; A's list is untouched.
            assertThat(listImports.importPart(b, typeOfA.id(), "part.csv", csv(sharedDevice)))
                    .isInstanceOf(ListPartImport.Refused.class);
        }
        // A has no resolved IDs: the one B's part resolved never shows up for A.
        var resolved = new MissingIdQuery(Optional.empty(), Optional.empty(), Optional.of(MissingIdStatus.RESOLVED));
        try (var staffOfA = SignedIn.as(SignedIn.operatorStaff(a.code()))) {
            assertThat(missingIds.page(resolved, 0, 500)).isEmpty();
            assertThat(missingIds.count(resolved)).isZero();
        }
        try (var pki = SignedIn.as(SignedIn.withRole(Roles.PKI_OPS))) {
            assertThat(missingIds.page(resolved, 0, 500)).extracting(MissingId::deviceId).contains(sharedDevice);
        }
    }

    @Test
    void operator_staff_export_their_own_usage_and_device_timelines_only() throws Exception {
        var today = LocalDate.now(ZoneOffset.UTC);
        var week = new UsageQuery(Optional.empty(), today.minusDays(7), today, Granularity.DAY);
        try (var staffOfA = SignedIn.as(SignedIn.operatorStaff(a.code()))) {
            var out = new java.io.ByteArrayOutputStream();
            assertThat(exports.exportUsage(week, ExportFormat.XLSX, out, ExportProgress.NONE)).isEqualTo(usage.usage(week).rows().size()).isPositive();
            assertThat(exports.exportUsage(new UsageQuery(Optional.of(b), week.from(), week.to(), Granularity.DAY), ExportFormat.XLSX,
                    new java.io.ByteArrayOutputStream(), ExportProgress.NONE)).isZero();
            assertThat(exports.exportTimeline(sharedDevice, ExportFormat.XLSX, new java.io.ByteArrayOutputStream(), ExportProgress.NONE)).isEqualTo(2);
            assertThat(exports.exportTimeline(deviceOfB, ExportFormat.XLSX, new java.io.ByteArrayOutputStream(), ExportProgress.NONE)).isZero();
        }
        try (var pki = SignedIn.as(SignedIn.withRole(Roles.PKI_OPS))) {
            assertThat(exports.exportTimeline(sharedDevice, ExportFormat.XLSX, new java.io.ByteArrayOutputStream(), ExportProgress.NONE)).isEqualTo(5);
        }
    }

    private long missingInDatabase(OperatorRef operator) {
        return jdbc.sql("select count(*) from missing_device_id where operator_id = ?").param(operator.id())
                .query(Long.class).single();
    }

    private static java.io.InputStream csv(String... ids) {
        return new java.io.ByteArrayInputStream(String.join("\n", ids).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The operator column of every data row of a missing-ID export. */
    private static Set<String> operatorsInSheet(byte[] xlsx) throws java.io.IOException {
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            var sheet = book.getSheetAt(0);
            var codes = new java.util.HashSet<String>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                codes.add(sheet.getRow(r).getCell(0).getStringCellValue());
            }
            return codes;
        }
    }
}
