package com.devicecreds.portal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.OperatorDirectory;
import com.devicecreds.access.OperatorDirectory.OperatorSummary;
import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.Roles;
import com.devicecreds.inventory.alert.AlertService;
import com.devicecreds.inventory.alert.InventoryAlert;
import com.devicecreds.inventory.pool.InventoryService;
import com.devicecreds.inventory.pool.PoolHistoryService;
import com.devicecreds.inventory.pool.PoolSummary;
import com.devicecreds.inventory.loading.approval.ApprovalInbox;
import com.devicecreds.inventory.loading.batch.BatchService;
import com.devicecreds.inventory.loading.batch.StagedBatch;
import com.devicecreds.inventory.loading.facility.FacilityCertificateService;
import com.devicecreds.inventory.loading.sample.Facility;
import com.devicecreds.inventory.loading.sample.SamplePackage;
import com.devicecreds.inventory.loading.upload.PackageUploadService;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.reporting.devices.AuthorizedEntry;
import com.devicecreds.reporting.devices.DeviceEvent;
import com.devicecreds.reporting.devices.DeviceMatch;
import com.devicecreds.reporting.devices.DeviceSearchResult;
import com.devicecreds.reporting.devices.DeviceSearchService;
import com.devicecreds.reporting.devices.SearchMode;
import com.devicecreds.reporting.usage.Granularity;
import com.devicecreds.reporting.usage.OutcomeCounts;
import com.devicecreds.reporting.usage.ReasonCount;
import com.devicecreds.reporting.usage.UsageQuery;
import com.devicecreds.reporting.usage.UsageRow;
import com.devicecreds.reporting.usage.UsageService;
import com.devicecreds.reporting.export.ExportProgress;
import com.devicecreds.reporting.export.ReportExportService;
import com.devicecreds.reporting.lists.ListPartImport;
import com.devicecreds.reporting.lists.ListPartImportService;
import com.devicecreds.reporting.missing.MissingId;
import com.devicecreds.reporting.missing.MissingIdQuery;
import com.devicecreds.reporting.missing.MissingIdService;
import com.devicecreds.reporting.missing.MissingIds;
import com.devicecreds.reporting.missing.MissingIdStatus;
import com.devicecreds.reporting.missing.TypeChoice;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * Operator staff see their own operator's data and nothing else, through the real services on the
 * real database. Two fresh tenants with known data: A has its own type, a shared type authorized
 * for A only, and events; B has the same kinds of rows and must never show up for A.
 */
@PortalTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationTest {

    /** Every public method of the operator data services, each checked below. A new one fails the coverage test. */
    private static final Set<String> COVERED = Set.of(
            "InventoryService.pools()",
            "PoolHistoryService.historyOf(int, int)",
            "AlertService.openAlerts()",
            "AlertService.alertsOf(int)",
            "AlertService.acknowledge(long)",
            "AlertService.snooze(long, Duration)",
            "AlertService.snoozeUntilNextBatch(long)",
            "UsageService.outcomesSince(Instant)",
            "UsageService.rejectionsSince(Instant)",
            "BatchService.loadedBatches(int, int)",
            "ApprovalInbox.pending()",
            "ApprovalInbox.context(long)",
            "UsageService.usage(UsageQuery)",
            "DeviceSearchService.search(String, SearchMode)",
            "DeviceSearchService.timeline(String, int, int)",
            "DeviceSearchService.timelineSize(String)",
            "MissingIdService.page(MissingIdQuery, int, int)",
            "MissingIdService.count(MissingIdQuery)",
            "MissingIdService.credentialTypes(Optional)",
            "MissingIdService.convergence(OperatorRef, Optional)",
            "MissingIdService.exportForOperator(OperatorRef, Optional, OutputStream, ExportProgress)",
            "ListPartImportService.importPart(OperatorRef, int, String, InputStream)",
            "ReportExportService.exportUsage(UsageQuery, OutputStream, ExportProgress)",
            "ReportExportService.exportTimeline(String, OutputStream, ExportProgress)");

    @Autowired
    InventoryService inventory;
    @Autowired
    UsageService usage;
    @Autowired
    PoolHistoryService history;
    @Autowired
    AlertService alerts;
    @Autowired
    DeviceSearchService deviceSearch;
    @Autowired
    OperatorDirectory operators;
    @Autowired
    BatchService batches;
    @Autowired
    PackageUploadService uploads;
    @Autowired
    FacilityCertificateService facilities;
    @Autowired
    CurrentActor currentActor;
    @Autowired
    ApprovalInbox approvalInbox;
    @Autowired
    MissingIdService missingIds;
    @Autowired
    MissingIds missingLists;
    @Autowired
    ListPartImportService listImports;
    @Autowired
    ReportExportService exports;
    @Autowired
    JdbcClient jdbc;

    private OperatorRef a;
    private OperatorRef b;
    private TenantFixture.Type typeOfA;
    private TenantFixture.Type typeOfB;
    private TenantFixture.Type sharedForA;
    private TenantFixture.Type sharedForB;
    private final Instant since = Instant.now().minus(Duration.ofHours(24));

    @BeforeAll
    void twoTenants() {
        var fixture = new TenantFixture(jdbc);
        a = fixture.operator("tenant-a");
        b = fixture.operator("tenant-b");
        typeOfA = fixture.type("own-a", a);
        typeOfB = fixture.type("own-b", b);
        sharedForA = fixture.type("shared-a", null);
        sharedForB = fixture.type("shared-b", null);
        fixture.authorize(sharedForA, a);
        fixture.authorize(sharedForB, b);
        fixture.load(typeOfA, 7, 3);
        fixture.load(sharedForA, 4, 1);
        fixture.load(typeOfB, 11, 2);
        fixture.load(sharedForB, 5, 6);

        var recent = Duration.ofHours(1);
        fixture.events(a, typeOfA, "delivered", null, 3, recent);
        fixture.events(a, sharedForA, "re-delivered", null, 1, recent);
        fixture.events(a, typeOfA, "rejected", "not-on-authorized-list", 2, recent);
        fixture.events(a, sharedForA, "rejected", "pool-empty", 1, recent);
        fixture.events(a, typeOfA, "delivered", null, 4, Duration.ofDays(3));
        fixture.events(b, typeOfB, "delivered", null, 5, recent);
        fixture.events(b, typeOfB, "re-delivered", null, 2, recent);
        fixture.events(b, sharedForB, "rejected", "model-not-authorized", 6, recent);
        sharedDevice = fixture.uniqueMac();
        deviceOfB = fixture.uniqueMac();
        listedForA = fixture.uniqueMac();
        // Older than a day, so that the last-24-hours counts above stay as they are.
        var older = Duration.ofHours(30);
        fixture.deviceEvent(a, typeOfA, sharedDevice, "delivered", null, older);
        fixture.deviceEvent(a, typeOfA, sharedDevice, "re-delivered", null, older.plusMinutes(5));
        fixture.deviceEvent(b, typeOfB, sharedDevice, "rejected", "not-on-authorized-list", recent);
        fixture.deviceEvent(b, typeOfB, sharedDevice, "rejected", "not-on-authorized-list", recent.plusMinutes(1));
        fixture.deviceEvent(b, typeOfB, sharedDevice, "rejected", "not-on-authorized-list", recent.plusMinutes(2));
        fixture.deviceEvent(b, typeOfB, deviceOfB, "delivered", null, recent);
        fixture.authorizedDevice(b, typeOfB, deviceOfB);
        fixture.authorizedDevice(b, typeOfB, listedForA);
        fixture.authorizedDevice(a, typeOfA, listedForA);
        alertOfA = fixture.alert(typeOfA);
        fixture.alert(sharedForA);
        alertOfB = fixture.alert(typeOfB);
        fixture.alert(sharedForB);
        batchOfA = stage(typeOfA);
        batchOfB = stage(typeOfB);
    }

    private String batchOfA;
    private String batchOfB;

    /** A package for the type, uploaded by PKI operations and signed by a facility an administrator trusted. */
    private String stage(TenantFixture.Type type) {
        var facility = Facility.selfSigned("Tenant KGF " + type.code(), Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(30)));
        try (var admin = SignedIn.as(SignedIn.withRole(Roles.ADMIN))) {
            facilities.trust(facility.chainPem());
        }
        var sample = SamplePackage.of(facility, type.code(), 3);
        try (var pki = SignedIn.as(SignedIn.withRole(Roles.PKI_OPS))) {
            var report = uploads.upload(new java.io.ByteArrayInputStream(sample.toBytes()), "tenant.zip");
            assertThat(report.problems()).isEmpty();
        }
        return sample.batchId();
    }

    @Test
    void operator_staff_cannot_list_loaded_batches_and_pki_operations_see_those_of_both_tenants() {
        try (var staffOfA = SignedIn.as(SignedIn.operatorStaff(a.code()))) {
            assertThatThrownBy(() -> batches.loadedBatches(0, 100)).isInstanceOf(AccessDeniedException.class);
        }
        try (var pkiOps = SignedIn.as(SignedIn.withRole(Roles.PKI_OPS))) {
            assertThat(batches.loadedBatches(0, 1000)).extracting(StagedBatch::batchRef).contains(batchOfA, batchOfB);
            assertThat(batches.loadedBatches(0, 1000)).filteredOn(b -> b.batchRef().equals(batchOfA))
                    .extracting(StagedBatch::operatorName).containsExactly(Optional.of("Tenant " + a.code()));
        }
    }

    @Test
    void operator_staff_cannot_open_the_approval_inbox_and_pki_operations_and_administrators_see_both_tenants_batches() {
        long idOfA = jdbc.sql("select id from credential_batch where batch_ref = ?").param(batchOfA).query(Long.class).single();
        try (var staffOfA = SignedIn.as(SignedIn.operatorStaff(a.code()))) {
            assertThatThrownBy(approvalInbox::pending).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> approvalInbox.context(idOfA)).isInstanceOf(AccessDeniedException.class);
        }
        for (String role : List.of(Roles.PKI_OPS, Roles.ADMIN)) {
            try (var signedIn = SignedIn.as(SignedIn.withRole(role))) {
                assertThat(approvalInbox.pending()).extracting(p -> p.batch().batchRef()).contains(batchOfA, batchOfB);
                assertThat(approvalInbox.context(idOfA).orElseThrow().batch().operatorName())
                        .contains("Tenant " + a.code());
            }
        }
    }

    private long alertOfA;
    private long alertOfB;
    private String sharedDevice;
    private String deviceOfB;
    private String listedForA;

    @Test
    void operator_staff_get_the_usage_of_their_own_operator_only_and_nothing_when_choosing_another() {
        var today = LocalDate.now(ZoneOffset.UTC);
        var week = new UsageQuery(Optional.empty(), today.minusDays(7), today, Granularity.DAY);
        try (var staffOfA = SignedIn.as(SignedIn.operatorStaff(a.code()))) {
            var report = usage.usage(week);

            assertThat(report.current()).isEqualTo(outcomesOfDays(a, today.minusDays(7)));
            assertThat(report.current().total()).isGreaterThan(0);
            assertThat(report.rows()).extracting(UsageRow::credentialTypeId).containsOnly(typeOfA.id(), sharedForA.id());
            assertThat(report.rejections()).extracting(ReasonCount::reason)
                    .containsExactlyInAnyOrder("not-on-authorized-list", "pool-empty");

            var ofB = usage.usage(new UsageQuery(Optional.of(b), week.from(), week.to(), Granularity.DAY));
            assertThat(ofB.rows()).isEmpty();
            assertThat(ofB.current().total()).isZero();
        }
        try (var pki = SignedIn.as(SignedIn.withRole(Roles.PKI_OPS))) {
            var ofB = usage.usage(new UsageQuery(Optional.of(b), week.from(), week.to(), Granularity.WEEK));
            assertThat(ofB.current()).isEqualTo(outcomesOfDays(b, today.minusDays(7)));
            assertThat(usage.usage(week).current().total()).isGreaterThan(ofB.current().total());
        }
    }

    @Test
    void operator_staff_find_their_own_events_of_a_device_and_never_another_operators() {
        try (var staffOfA = SignedIn.as(SignedIn.operatorStaff(a.code()))) {
            var found = (DeviceSearchResult.Found) deviceSearch.search(colons(sharedDevice), SearchMode.EXACT);
            assertThat(found.devices()).singleElement().extracting(DeviceMatch::events).isEqualTo(2L);
            assertThat(deviceSearch.timelineSize(sharedDevice)).isEqualTo(2);
            assertThat(deviceSearch.timeline(sharedDevice, 0, 50)).extracting(DeviceEvent::operatorCode).containsOnly(a.code());

            // B's device is neither found nor said to be on a list: A learns nothing of it.
            assertThat(deviceSearch.search(deviceOfB, SearchMode.EXACT))
                    .isEqualTo(new DeviceSearchResult.NotFound(List.of(deviceOfB), List.of()));
            assertThat(deviceSearch.timelineSize(deviceOfB)).isZero();
            assertThat(deviceSearch.timeline(deviceOfB, 0, 50)).isEmpty();
            var byPrefix = deviceSearch.search(deviceOfB.substring(0, 10), SearchMode.PREFIX);
            assertThat(byPrefix).isInstanceOf(DeviceSearchResult.NotFound.class);

            // Not found, but on A's own list; B's entry for the same ID stays hidden.
            var listed = (DeviceSearchResult.NotFound) deviceSearch.search(listedForA.toLowerCase(), SearchMode.EXACT);
            assertThat(listed.authorized()).extracting(AuthorizedEntry::operatorCode).containsExactly(a.code());
        }
        try (var pki = SignedIn.as(SignedIn.withRole(Roles.PKI_OPS))) {
            var found = (DeviceSearchResult.Found) deviceSearch.search(sharedDevice, SearchMode.EXACT);
            assertThat(found.devices()).singleElement().extracting(DeviceMatch::events).isEqualTo(5L);
            assertThat(deviceSearch.timeline(sharedDevice, 0, 50)).extracting(DeviceEvent::operatorCode)
                    .containsOnly(a.code(), b.code()).hasSize(5);
            assertThat(deviceSearch.timeline(sharedDevice, 1, 2)).hasSize(2);
            var listed = (DeviceSearchResult.NotFound) deviceSearch.search(listedForA, SearchMode.EXACT);
            assertThat(listed.authorized()).extracting(AuthorizedEntry::operatorCode).containsExactlyInAnyOrder(a.code(), b.code());
        }
    }

    private static String colons(String mac) {
        return String.join(":", mac.toLowerCase().split("(?<=\\G..)"));
    }

    private OutcomeCounts outcomesOfDays(OperatorRef operator, LocalDate from) {
        return jdbc.sql("""
                        select count(*) filter (where outcome = 'delivered'), count(*) filter (where outcome = 're-delivered'),
                               count(*) filter (where outcome = 'rejected')
                        from provisioning_event
                        where occurred_at >= cast(:from as timestamp) at time zone 'UTC' and operator_id = :operator""")
                .param("from", from)
                .param("operator", operator.id())
                .query((rs, n) -> new OutcomeCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .single();
    }

    @Test
    void operator_staff_see_the_alerts_of_their_own_and_their_authorized_shared_pools_only() {
        try (var staffOfA = SignedIn.as(SignedIn.operatorStaff(a.code()))) {
            // The scheduled alert engine may add alerts of these pools meanwhile: compare sets, not lists.
            assertThat(alerts.openAlerts()).extracting(InventoryAlert::credentialTypeId)
                    .containsOnly(typeOfA.id(), sharedForA.id()).contains(typeOfA.id(), sharedForA.id());
            assertThat(alerts.alertsOf(typeOfA.id())).extracting(InventoryAlert::id).contains(alertOfA);
            assertThat(alerts.alertsOf(typeOfA.id())).extracting(InventoryAlert::credentialTypeId).containsOnly(typeOfA.id());
            assertThat(alerts.alertsOf(typeOfB.id())).isEmpty();
            assertThat(alerts.alertsOf(sharedForB.id())).isEmpty();
        }
    }

    @Test
    void operator_staff_can_neither_acknowledge_nor_snooze_any_alert() {
        try (var staffOfA = SignedIn.as(SignedIn.operatorStaff(a.code()))) {
            for (long id : new long[] {alertOfA, alertOfB}) {
                assertThatThrownBy(() -> alerts.acknowledge(id)).isInstanceOf(AccessDeniedException.class);
                assertThatThrownBy(() -> alerts.snooze(id, Duration.ofHours(1))).isInstanceOf(AccessDeniedException.class);
                assertThatThrownBy(() -> alerts.snoozeUntilNextBatch(id)).isInstanceOf(AccessDeniedException.class);
            }
        }
        assertThat(jdbc.sql("select count(*) from inventory_alert where id = ? and (acknowledged_at is not null "
                + "or snoozed_until is not null or snoozed_until_next_batch)").param(alertOfA)
                .query(Long.class).single()).isZero();
    }

    @Test
    void pki_operations_see_and_snooze_the_alerts_of_both_tenants() {
        try (var pkiOps = SignedIn.as(SignedIn.withRole(Roles.PKI_OPS))) {
            assertThat(alerts.openAlerts()).extracting(InventoryAlert::id).contains(alertOfA, alertOfB);
            assertThat(alerts.snooze(alertOfB, Duration.ofHours(2))).get()
                    .extracting(alert -> alert.snoozedUntil().isPresent()).isEqualTo(true);
        }
    }

    @Test
    void operator_staff_get_the_history_of_their_own_and_authorized_shared_pools_only() {
        try (var staffOfA = SignedIn.as(SignedIn.operatorStaff(a.code()))) {
            assertThat(history.historyOf(typeOfA.id(), 7)).isPresent();
            assertThat(history.historyOf(sharedForA.id(), 7)).isPresent();
            assertThat(history.historyOf(typeOfB.id(), 7)).isEmpty();
            assertThat(history.historyOf(sharedForB.id(), 7)).isEmpty();
            assertThat(history.historyOf(typeOfA.id(), 7).orElseThrow().days())
                    .allSatisfy(day -> assertThat(day.availableAtEndOfDay()).isBetween(0L, 10L));
        }
        try (var pki = SignedIn.as(SignedIn.withRole(Roles.PKI_OPS))) {
            assertThat(history.historyOf(typeOfB.id(), 7)).isPresent();
        }
    }

    @Test
    void operator_staff_list_chart_and_export_only_their_own_operators_missing_ids_and_cannot_import() throws Exception {
        missingLists.compact();
        try (var staffOfA = SignedIn.as(SignedIn.operatorStaff(a.code()))) {
            var all = MissingIdQuery.all();
            assertThat(missingIds.page(all, 0, 500)).isNotEmpty().extracting(MissingId::operatorCode).containsOnly(a.code());
            assertThat(missingIds.count(all)).isEqualTo(missingInDatabase(a));
            var ofB = new MissingIdQuery(Optional.of(b), Optional.empty(), Optional.empty());
            assertThat(missingIds.page(ofB, 0, 500)).isEmpty();
            assertThat(missingIds.count(ofB)).isZero();
            assertThat(missingIds.credentialTypes(Optional.empty())).extracting(TypeChoice::id)
                    .containsExactlyInAnyOrder(typeOfA.id(), sharedForA.id());
            assertThat(missingIds.credentialTypes(Optional.of(b))).isEmpty();
            assertThat(missingIds.convergence(b, Optional.empty())).isEmpty();
            assertThat(missingIds.convergence(a, Optional.of(typeOfA.id()))).isNotEmpty();

            var sheetOfB = new java.io.ByteArrayOutputStream();
            assertThat(missingIds.exportForOperator(b, Optional.empty(), sheetOfB, ExportProgress.NONE).rows()).isZero();
            assertThat(operatorsInSheet(sheetOfB.toByteArray())).isEmpty();
            assertThat(jdbc.sql("select count(*) from missing_device_id where operator_id = ? and status <> 'new'")
                    .param(b.id()).query(Long.class).single()).isZero();
            var sheetOfA = new java.io.ByteArrayOutputStream();
            assertThat(missingIds.exportForOperator(a, Optional.empty(), sheetOfA, ExportProgress.NONE).rows())
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
            assertThat(exports.exportUsage(week, out, ExportProgress.NONE)).isEqualTo(usage.usage(week).rows().size()).isPositive();
            assertThat(exports.exportUsage(new UsageQuery(Optional.of(b), week.from(), week.to(), Granularity.DAY),
                    new java.io.ByteArrayOutputStream(), ExportProgress.NONE)).isZero();
            assertThat(exports.exportTimeline(sharedDevice, new java.io.ByteArrayOutputStream(), ExportProgress.NONE)).isEqualTo(2);
            assertThat(exports.exportTimeline(deviceOfB, new java.io.ByteArrayOutputStream(), ExportProgress.NONE)).isZero();
        }
        try (var pki = SignedIn.as(SignedIn.withRole(Roles.PKI_OPS))) {
            assertThat(exports.exportTimeline(sharedDevice, new java.io.ByteArrayOutputStream(), ExportProgress.NONE)).isEqualTo(5);
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

    @Test
    void every_public_method_of_the_operator_data_services_is_covered_by_this_test() {
        var methods = OperatorDataServices.publicMethods().stream().map(OperatorDataServices::signature).toList();
        var covered = new java.util.HashSet<>(COVERED);
        covered.addAll(RolloutTenancyTest.COVERED);
        covered.addAll(DeviceCaTenancyTest.COVERED);
        covered.addAll(TypeAuthorizationTenancyTest.COVERED);
        covered.addAll(ScheduledReportTenancyTest.COVERED);
        covered.addAll(CredentialTypeTenancyTest.COVERED);
        assertThat(methods).as("add an isolation check for each new method, then list it in COVERED here or in the "
                + "feature's own tenancy test").containsExactlyInAnyOrderElementsOf(covered);
    }

    @Test
    void operator_staff_see_their_own_pools_and_the_shared_pools_authorized_for_them_only() {
        try (var staffOfA = SignedIn.as(SignedIn.operatorStaff(a.code()))) {
            var pools = inventory.pools();

            assertThat(pools).extracting(PoolSummary::typeCode)
                    .containsExactlyInAnyOrder(typeOfA.code(), sharedForA.code());
            assertThat(pools).extracting(PoolSummary::operator)
                    .containsOnly(Optional.of(a), Optional.empty());
            assertThat(pool(pools, typeOfA)).extracting(PoolSummary::available, PoolSummary::bound).containsExactly(7L, 3L);
            assertThat(pool(pools, sharedForA)).extracting(PoolSummary::available, PoolSummary::bound).containsExactly(4L, 1L);
        }
    }

    @Test
    void operator_staff_count_only_their_own_operators_outcomes() {
        try (var staffOfA = SignedIn.as(SignedIn.operatorStaff(a.code()))) {
            var counts = usage.outcomesSince(since);

            assertThat(counts).isEqualTo(new OutcomeCounts(3, 1, 3));
            assertThat(counts).isEqualTo(outcomesInDatabase(a));
        }
    }

    @Test
    void operator_staff_see_only_their_own_operators_rejections() {
        try (var staffOfA = SignedIn.as(SignedIn.operatorStaff(a.code()))) {
            var rejections = usage.rejectionsSince(since);

            assertThat(rejections).containsExactly(new ReasonCount("not-on-authorized-list", 2),
                    new ReasonCount("pool-empty", 1));
            assertThat(rejections).containsExactlyInAnyOrderElementsOf(rejectionsInDatabase(a));
        }
    }

    @Test
    void operator_staff_find_only_their_own_operator_in_the_directory() {
        try (var staffOfA = SignedIn.as(SignedIn.operatorStaff(a.code()))) {
            var scope = currentActor.scope();

            assertThat(operators.visibleTo(scope)).extracting(OperatorSummary::ref).containsExactly(a);
            assertThat(operators.visibleTo(scope.narrowTo(b))).isEmpty();
        }
    }

    @Test
    void pki_operations_see_the_pools_of_both_tenants() {
        try (var pkiOps = SignedIn.as(SignedIn.withRole(Roles.PKI_OPS))) {
            assertThat(inventory.pools()).extracting(PoolSummary::typeCode)
                    .contains(typeOfA.code(), typeOfB.code(), sharedForA.code(), sharedForB.code());
        }
    }

    @Test
    void pki_operations_count_the_outcomes_and_rejections_of_every_operator() {
        try (var pkiOps = SignedIn.as(SignedIn.withRole(Roles.PKI_OPS))) {
            var counts = usage.outcomesSince(since);

            assertThat(counts).isEqualTo(outcomesInDatabase(null));
            assertThat(counts.delivered()).isGreaterThanOrEqualTo(3 + 5);
            assertThat(counts.rejected()).isGreaterThanOrEqualTo(3 + 6);
            assertThat(usage.rejectionsSince(since)).containsExactlyInAnyOrderElementsOf(rejectionsInDatabase(null))
                    .extracting(ReasonCount::reason).contains("not-on-authorized-list", "model-not-authorized");
        }
    }

    @Test
    void pki_operations_find_both_tenants_in_the_directory() {
        try (var pkiOps = SignedIn.as(SignedIn.withRole(Roles.PKI_OPS))) {
            var scope = currentActor.scope();

            assertThat(operators.visibleTo(scope)).extracting(OperatorSummary::ref).contains(a, b);
            assertThat(operators.visibleTo(scope.narrowTo(b))).extracting(OperatorSummary::ref).containsExactly(b);
        }
    }

    private static PoolSummary pool(List<PoolSummary> pools, TenantFixture.Type type) {
        return pools.stream().filter(p -> p.credentialTypeId() == type.id()).findFirst().orElseThrow();
    }

    /** The expectation straight from SQL; a null operator counts every operator. */
    private OutcomeCounts outcomesInDatabase(OperatorRef operator) {
        return jdbc.sql("""
                        select count(*) filter (where outcome = 'delivered'), count(*) filter (where outcome = 're-delivered'),
                               count(*) filter (where outcome = 'rejected')
                        from provisioning_event where occurred_at >= :since and (:all or operator_id = :operator)""")
                .param("since", Timestamp.from(since))
                .param("all", operator == null)
                .param("operator", operator == null ? -1 : operator.id())
                .query((rs, n) -> new OutcomeCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .single();
    }

    private List<ReasonCount> rejectionsInDatabase(OperatorRef operator) {
        return jdbc.sql("""
                        select rejection_reason, count(*) from provisioning_event
                        where occurred_at >= :since and outcome = 'rejected' and (:all or operator_id = :operator)
                        group by rejection_reason""")
                .param("since", Timestamp.from(since))
                .param("all", operator == null)
                .param("operator", operator == null ? -1 : operator.id())
                .query((rs, n) -> new ReasonCount(rs.getString(1), rs.getLong(2)))
                .list();
    }
}
