package com.devicecreds.portal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.devicecreds.access.HiddenCredentialType;
import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.Roles;
import com.devicecreds.audit.verify.AuditAnchors;
import com.devicecreds.audit.verify.AuditVerification;
import com.devicecreds.inventory.loading.facility.FacilityCertificateService;
import com.devicecreds.inventory.loading.approval.ApprovalInbox;
import com.devicecreds.inventory.loading.approval.PendingBatch;
import com.devicecreds.inventory.loading.upload.PackageUploadService;
import com.devicecreds.inventory.pool.InventoryService;
import com.devicecreds.inventory.pool.PoolSummary;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.demo.AnnasUpload;
import com.devicecreds.portal.security.SignedIn;
import com.devicecreds.reporting.usage.Granularity;
import com.devicecreds.reporting.usage.UsageQuery;
import com.devicecreds.reporting.usage.UsageService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The business metrics show what the pages show, for the same pools, operators and batches: each
 * gauge is compared with the service the page reads, called as a user who sees every operator.
 */
@PortalTest
class BusinessMetricsTest {

    @Autowired
    BusinessMetrics metrics;
    @Autowired
    MeterRegistry registry;
    @Autowired
    InventoryService inventory;
    @Autowired
    UsageService usage;
    @Autowired
    ApprovalInbox inbox;
    @Autowired
    AuditVerification verification;
    @Autowired
    AuditAnchors anchors;
    @Autowired
    PackageUploadService uploads;
    @Autowired
    FacilityCertificateService facilities;
    @Autowired
    JdbcClient jdbc;

    @Test
    void every_pool_gauge_equals_the_inventory_page_for_the_same_pool() {
        metrics.refresh();
        List<PoolSummary> pools;
        try (var pki = SignedIn.as(SignedIn.withRole(Roles.PKI_OPS))) {
            pools = inventory.pools();
        }
        assertThat(pools).hasSizeGreaterThan(3);
        assertThat(registry.find("portal.pool.available.credentials").gauges()).hasSize(pools.size());
        for (PoolSummary pool : pools) {
            Tags tags = BusinessMetrics.poolTags(pool);
            assertThat(gauge("portal.pool.available.credentials", tags)).as("available %s", tags).isEqualTo(pool.available());
            assertThat(gauge("portal.pool.bound.credentials", tags)).as("bound %s", tags).isEqualTo(pool.bound());
            assertThat(gauge("portal.pool.alert.level", tags)).as("level %s", tags).isEqualTo(pool.level().ordinal());
            var runway = registry.find("portal.pool.runway.days").tags(tags).gauge();
            if (pool.runwayDays().isPresent()) {
                assertThat(runway.value()).as("runway %s", tags).isCloseTo(pool.runwayDays().getAsDouble(), within(1e-9));
            } else {
                assertThat(runway).as("no runway without consumption: %s", tags).isNull();
            }
        }
        assertThat(pools).anyMatch(p -> p.runwayDays().isPresent());
    }

    @Test
    void the_request_counters_equal_the_usage_report_of_each_operator_by_type_and_outcome() {
        metrics.refresh();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<Integer, String> typeCodes = new HashMap<>();
        jdbc.sql("select id, code from credential_type").query(rs -> {
            typeCodes.put(rs.getInt(1), rs.getString(2));
        });
        var operators = jdbc.sql("select id, code from operator order by code")
                .query((rs, n) -> new OperatorRef(rs.getShort(1), rs.getString(2))).list();
        long compared = 0;
        try (var pki = SignedIn.as(SignedIn.withRole(Roles.PKI_OPS))) {
            for (OperatorRef operator : operators) {
                // The usage page's longest period, ending tomorrow: every day of the demo world's history.
                var report = usage.usage(new UsageQuery(Optional.of(operator), today.minusDays(UsageQuery.MAX_DAYS - 2),
                        today.plusDays(1), Granularity.MONTH));
                Map<String, long[]> byType = new HashMap<>();
                // Types the operator may not see are one line in its report (decision 023); the counters keep
                // their codes, and the total below still holds them.
                report.rows().stream().filter(row -> row.credentialTypeId() != HiddenCredentialType.ID).forEach(row -> {
                    long[] sums = byType.computeIfAbsent(typeCodes.get(row.credentialTypeId()), k -> new long[3]);
                    sums[0] += row.delivered();
                    sums[1] += row.redelivered();
                    sums[2] += row.rejected();
                });
                for (var entry : byType.entrySet()) {
                    String[] outcomes = {"delivered", "re-delivered", "rejected"};
                    for (int i = 0; i < 3; i++) {
                        assertThat(counter(operator.code(), entry.getKey(), outcomes[i]))
                                .as("%s %s %s", operator.code(), entry.getKey(), outcomes[i]).isEqualTo(entry.getValue()[i]);
                    }
                    compared += entry.getValue()[0] + entry.getValue()[1] + entry.getValue()[2];
                }
                long counted = registry.find("portal.provisioning.requests").tag("operator", operator.code())
                        .functionCounters().stream().mapToLong(c -> (long) c.count()).sum();
                assertThat(counted).as("no requests of %s beyond the report", operator.code()).isEqualTo(report.current().total());
            }
        }
        assertThat(compared).as("requests compared").isGreaterThan(10_000);
    }

    @Test
    void the_batch_gauges_equal_the_approval_inbox() {
        String type = jdbc.sql("select code from credential_type where code = 'alpenfunk-dtcp-ip'").query(String.class).single();
        AnnasUpload.of(facilities, uploads, "Metrics Test KGF", type, 5, "metrics.zip");
        metrics.refresh();
        List<PendingBatch> pending;
        try (var pki = SignedIn.as(SignedIn.withRole(Roles.PKI_OPS))) {
            pending = inbox.pending();
        }
        long staged = pending.stream().filter(p -> p.batch().state().equals("staged")).count();
        assertThat(staged).isPositive();
        assertThat(gauge("portal.batches.awaiting.approval", Tags.empty())).isEqualTo(staged);
        assertThat(gauge("portal.batches.awaiting.activation", Tags.empty())).isEqualTo(pending.size() - staged);
    }

    @Test
    void the_audit_gauges_show_the_last_verification_and_the_last_anchor() {
        try (var auditor = SignedIn.as(SignedIn.withRole(Roles.AUDITOR))) {
            assertThat(verification.verify().intact()).isTrue();
        }
        anchors.anchorHead();
        metrics.refresh();
        assertThat(gauge("portal.audit.verification.intact", Tags.empty())).isEqualTo(1.0);
        assertThat(gauge("portal.audit.verification.age.seconds", Tags.empty())).isBetween(0.0, 60.0);
        assertThat(anchors.lastAnchor()).isPresent();
        assertThat(gauge("portal.audit.anchor.age.seconds", Tags.empty())).isBetween(0.0, 60.0);
        assertThat(gauge("portal.business.metrics.age.seconds", Tags.empty())).isBetween(0.0, 60.0);
    }

    @Test
    void the_outbox_gauges_count_what_is_still_to_send_and_what_was_given_up() {
        metrics.refresh();
        long pending = jdbc.sql("select count(*) from mail_outbox where sent_at is null and failed_at is null").query(Long.class).single();
        long failed = jdbc.sql("select count(*) from mail_outbox where failed_at is not null").query(Long.class).single();
        assertThat(gauge("portal.mail.outbox.pending", Tags.empty())).isEqualTo(pending);
        assertThat(gauge("portal.mail.outbox.failed", Tags.empty())).isEqualTo(failed);
    }

    private double gauge(String name, Tags tags) {
        return registry.get(name).tags(tags).gauge().value();
    }

    private long counter(String operator, String type, String outcome) {
        var counter = registry.find("portal.provisioning.requests").tags("operator", operator, "type", type, "outcome", outcome)
                .functionCounter();
        return counter == null ? 0 : (long) counter.count();
    }
}
