package com.devicecreds.inventory.loading.facility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import com.devicecreds.audit.AuditAction;
import com.devicecreds.inventory.loading.LoadingFixture;
import com.devicecreds.inventory.loading.format.Pem;
import com.devicecreds.inventory.loading.sample.Facility;
import com.devicecreds.testsupport.RecordsAudit;
import com.devicecreds.testsupport.SignedIn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

@SpringBootTest
class FacilityCertificateServiceTest {

    @Autowired
    FacilityCertificateService facilities;
    @Autowired
    JdbcClient jdbc;

    @Test
    @RecordsAudit({AuditAction.FACILITY_CERTIFICATE_TRUSTED, AuditAction.FACILITY_CERTIFICATE_REMOVED})
    void an_administrator_trusts_lists_and_removes_a_facility_certificate_and_each_change_is_audited() {
        var facility = LoadingFixture.facility("Audited KGF");
        String fingerprint = Pem.fingerprint(facility.certificate());
        try (var admin = SignedIn.admin()) {
            var trusted = facilities.trust(facility.chainPem());

            assertThat(trusted.fingerprint()).isEqualTo(fingerprint);
            assertThat(trusted.subject()).contains("CN=Audited KGF");
            assertThat(trusted.addedBy()).isEqualTo("admin.erik");
            assertThat(facilities.trusted()).extracting(TrustedFacility::fingerprint).contains(fingerprint);

            assertThat(facilities.remove(trusted.id())).isTrue();
            assertThat(facilities.remove(trusted.id())).isFalse();
            assertThat(facilities.trusted()).extracting(TrustedFacility::fingerprint).doesNotContain(fingerprint);
        }
        assertThat(jdbc.sql("select action from audit_event where target = ? and outcome = 'success' order by seq")
                .param("facility-certificate:" + fingerprint).query(String.class).list())
                .containsExactly("FACILITY_CERTIFICATE_TRUSTED", "FACILITY_CERTIFICATE_REMOVED");
    }

    @Test
    void text_that_is_not_one_certificate_is_refused_with_the_reason() {
        var one = LoadingFixture.facility("One KGF").chainPem();
        try (var admin = SignedIn.admin()) {
            assertThatThrownBy(() -> facilities.trust("hello")).isInstanceOf(InvalidCertificateException.class)
                    .hasMessageContaining("not a PEM certificate");
            assertThatThrownBy(() -> facilities.trust(one + one)).isInstanceOf(InvalidCertificateException.class)
                    .hasMessageContaining("Paste exactly one certificate; this text holds 2.");
        }
    }

    @Test
    void an_expired_or_already_trusted_certificate_is_refused() {
        var expired = Facility.selfSigned("Old KGF", Instant.now().minus(Duration.ofDays(90)), Instant.now().minus(Duration.ofDays(1)));
        var current = LoadingFixture.facility("Twice KGF");
        try (var admin = SignedIn.admin()) {
            assertThatThrownBy(() -> facilities.trust(expired.chainPem())).hasMessageContaining("expired on");
            facilities.trust(current.chainPem());
            assertThatThrownBy(() -> facilities.trust(current.chainPem())).hasMessage("This certificate is trusted already.");
        }
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'FACILITY_CERTIFICATE_TRUSTED' and outcome = 'failed' "
                + "and details::jsonb->>'reason' = 'This certificate is trusted already.'").query(Long.class).single()).isPositive();
    }

    @Test
    void only_administrators_change_the_trusted_certificates_and_pki_operations_may_read_them() {
        var facility = LoadingFixture.facility("Guarded KGF");
        try (var pki = SignedIn.pkiOps()) {
            assertThatThrownBy(() -> facilities.trust(facility.chainPem())).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> facilities.remove(1)).isInstanceOf(AccessDeniedException.class);
            assertThat(facilities.trusted()).isNotNull();
        }
        try (var staff = SignedIn.operatorStaff("nobody")) {
            assertThatThrownBy(() -> facilities.trusted()).isInstanceOf(AccessDeniedException.class);
        }
    }
}
