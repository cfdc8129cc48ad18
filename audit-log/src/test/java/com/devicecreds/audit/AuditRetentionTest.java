package com.devicecreds.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.devicecreds.audit.internal.AuditChain;
import com.devicecreds.audit.verify.AuditAnchors;
import com.devicecreds.audit.verify.AuditRetention;
import com.devicecreds.audit.verify.AuditVerification;
import com.devicecreds.testsupport.RecordsAudit;
import com.devicecreds.testsupport.SignedIn;
import com.devicecreds.testsupport.OwnDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The daily retention purge, on a database of its own whose chain starts years ago. */
@SpringBootTest(classes = {AuditModuleTestApplication.class, OwnDatabase.class},
        properties = "spring.application.name=audit-retention-test")
class AuditRetentionTest {

    @Autowired
    AuditRetention retention;
    @Autowired
    AuditVerification verification;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditAnchors anchors;

    @Test
    @RecordsAudit(AuditAction.AUDIT_PURGED)
    void the_purge_deletes_what_is_past_retention_and_records_it_once_as_the_system() {
        TrailFixture.append(jdbc, new AuditChain(TrailFixture.KEY), Instant.now().minus(Duration.ofDays(1100)),
                Duration.ofDays(1), 12);
        TrailFixture.append(jdbc, new AuditChain(TrailFixture.KEY), Instant.now().minus(Duration.ofDays(3)),
                Duration.ofDays(1), 3);

        assertThat(retention.purge()).isEqualTo(12);
        assertThat(retention.purge()).as("nothing left to purge, nothing recorded").isZero();

        List<String> purges = jdbc.sql("""
                        select actor || ' ' || outcome || ' ' || details from audit_event where action = 'AUDIT_PURGED'""")
                .query(String.class).list();
        assertThat(purges).containsExactly(
                "system success {\"from\":\"1\",\"retention\":\"PT17520H\",\"rows\":\"12\",\"to\":\"12\"}");
        assertThat(anchors.read().purges()).as("the signed purge record states the range")
                .singleElement().satisfies(p -> {
                    assertThat(p.fromSeq()).isEqualTo(1);
                    assertThat(p.toSeq()).isEqualTo(12);
                });
        try (var auditor = SignedIn.auditor()) {
            var report = verification.verify();
            assertThat(report.intact()).as(report.message()).isTrue();
            assertThat(report.firstSeq()).isEqualTo(13);
        }
    }
}
