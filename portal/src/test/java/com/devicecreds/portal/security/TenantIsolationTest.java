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

import javax.sql.DataSource;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.OperatorDirectory;
import com.devicecreds.access.OperatorDirectory.OperatorSummary;
import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.Roles;
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
import com.devicecreds.portal.database.SchemaOwner;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * Operator staff see their own operator's data and nothing else, through the real services on the
 * real database, with two fresh tenants ({@link TwoTenants}): pools, usage, device search, batches and
 * the directory here; each feature's own tenancy test covers the rest, and
 * {@link #every_public_method_of_the_operator_data_services_is_covered_by_this_test} holds them together.
 */
@PortalTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationTest {

    /** Every public method of the operator data services, each checked below. A new one fails the coverage test. */
    private static final Set<String> COVERED = Set.of(
            "InventoryService.pools()",
            "PoolHistoryService.historyOf(int, int)",
            "UsageService.outcomesSince(Instant)",
            "UsageService.rejectionsSince(Instant)",
            "BatchService.loadedBatches(int, int)",
            "ApprovalInbox.pending()",
            "ApprovalInbox.context(long)",
            "UsageService.usage(UsageQuery)",
            "DeviceSearchService.search(String, SearchMode)",
            "DeviceSearchService.timeline(String, int, int)",
            "DeviceSearchService.timelineSize(String)");

    @Autowired
    InventoryService inventory;
    @Autowired
    UsageService usage;
    @Autowired
    PoolHistoryService history;
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
    JdbcClient jdbc;
    @Autowired
    @SchemaOwner
    DataSource schemaOwner;

    private OperatorRef a;
    private OperatorRef b;
    private TenantFixture.Type typeOfA;
    private TenantFixture.Type typeOfB;
    private TenantFixture.Type sharedForA;
    private TenantFixture.Type sharedForB;
    private final Instant since = Instant.now().minus(Duration.ofHours(24));

    @BeforeAll
    void twoTenants() {
        var world = new TwoTenants(jdbc, JdbcClient.create(schemaOwner));
        a = world.a;
        b = world.b;
        typeOfA = world.typeOfA;
        typeOfB = world.typeOfB;
        sharedForA = world.sharedForA;
        sharedForB = world.sharedForB;
        sharedDevice = world.sharedDevice;
        deviceOfB = world.deviceOfB;
        listedForA = world.listedForA;
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
    void every_public_method_of_the_operator_data_services_is_covered_by_this_test() {
        var methods = OperatorDataServices.publicMethods().stream().map(OperatorDataServices::signature).toList();
        var covered = new java.util.HashSet<>(COVERED);
        covered.addAll(RolloutTenancyTest.COVERED);
        covered.addAll(DeviceCaTenancyTest.COVERED);
        covered.addAll(TypeAuthorizationTenancyTest.COVERED);
        covered.addAll(ScheduledReportTenancyTest.COVERED);
        covered.addAll(CredentialTypeTenancyTest.COVERED);
        covered.addAll(AlertTenancyTest.COVERED);
        covered.addAll(MissingIdTenancyTest.COVERED);
        covered.addAll(com.devicecreds.portal.webhook.WebhookEndpointTest.COVERED);
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
