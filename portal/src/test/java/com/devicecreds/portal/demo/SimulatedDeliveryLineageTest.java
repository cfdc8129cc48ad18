package com.devicecreds.portal.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Optional;

import javax.sql.DataSource;

import com.devicecreds.access.Roles;
import com.devicecreds.inventory.loading.approval.ApprovalService;
import com.devicecreds.inventory.loading.approval.BatchActivation;
import com.devicecreds.inventory.loading.facility.FacilityCertificateService;
import com.devicecreds.inventory.loading.upload.PackageUploadService;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.database.SchemaOwner;
import com.devicecreds.portal.security.ApproverStepUp;
import com.devicecreds.portal.security.SignedIn;
import com.devicecreds.reporting.devices.DeviceIdNotation.InvalidDeviceIdException;
import com.devicecreds.reporting.lineage.CredentialLineage;
import com.devicecreds.reporting.lineage.LineageService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A credential's lineage after the real path: a facility's signed package uploaded by pki.anna,
 * approved by pki.ben, activated, and handed to a device by the provisioning service; found from
 * the device in another notation of its MAC and from the credential's ID. (Named to run after
 * DemoWorldSeederTest, which counts the seeded events of the shared context.)
 */
@PortalTest
class SimulatedDeliveryLineageTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    @SchemaOwner
    DataSource schemaOwner;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    Clock clock;
    @Autowired
    PackageUploadService uploads;
    @Autowired
    FacilityCertificateService facilities;
    @Autowired
    ApprovalService approvals;
    @Autowired
    BatchActivation activation;
    @Autowired
    ApproverStepUp stepUp;
    @Autowired
    LineageService lineage;

    @Test
    void a_delivered_credential_leads_back_to_its_facility_uploader_approver_and_activation() throws Exception {
        var pools = new TestPools(jdbc, JdbcClient.create(schemaOwner));
        var type = pools.newType(pools.operator("nordkabel"), "next-available", false, false, pools.newModel());
        String code = jdbc.sql("select code from credential_type where id = ?").param(type.id()).query(String.class).single();
        var upload = AnnasUpload.of(facilities, uploads, "Lineage KGF " + code, code, 5, "lineage.zip");
        var sample = upload.sample();
        long batchId = upload.batchId();
        String hash = upload.manifestSha256();
        try (var ben = SignedIn.as(SignedIn.user("pki.ben", Optional.empty(), Roles.PKI_OPS))) {
            assertThat(stepUp.confirmPassword("demo")).isTrue();
            approvals.approve(batchId, hash);
        }
        activation.activate(batchId);
        String mac = TestPools.mac(777_001);
        var delivered = new DeviceRequestHandler(jdbc, transactions, clock, device -> false).handle(pools.request(type, mac));
        long credentialId = delivered.credentialId().orElseThrow();

        try (var auditor = SignedIn.as(SignedIn.withRole(Roles.AUDITOR))) {
            var fromDevice = lineage.ofDevice(mac.toUpperCase().replace(':', '-'));
            assertThat(fromDevice).extracting(CredentialLineage::credentialId).containsExactly(credentialId);
            var found = fromDevice.getFirst();
            assertThat(found.typeCode()).isEqualTo(code);
            assertThat(found.state()).isEqualTo("bound");
            assertThat(found.boundDeviceId()).contains(mac);
            var origin = found.origin();
            assertThat(origin.batchRef()).isEqualTo(sample.batchId());
            assertThat(origin.signerSubject()).hasValueSatisfying(s -> assertThat(s).contains("Lineage KGF " + code));
            assertThat(origin.packageFile()).contains("lineage.zip");
            assertThat(origin.manifestSha256()).contains(hash);
            assertThat(origin.submittedBy()).isEqualTo("pki.anna");
            assertThat(origin.activatedAt()).isPresent();
            assertThat(found.decisions()).extracting(CredentialLineage.Decision::decidedBy, CredentialLineage.Decision::decision)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("pki.ben", "approved"));
            assertThat(found.deliveries()).extracting(CredentialLineage.Delivery::deviceId, CredentialLineage.Delivery::outcome,
                    CredentialLineage.Delivery::operatorCode)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(mac, "delivered", "nordkabel"));

            String ref = jdbc.sql("select credential_ref from credential where id = ?").param(credentialId)
                    .query(String.class).single();
            assertThat(lineage.ofCredential(ref)).extracting(CredentialLineage::credentialId).contains(credentialId);
            assertThat(lineage.ofCredential("no-such-credential-" + code)).isEmpty();
            assertThat(lineage.ofDevice(TestPools.mac(777_999))).as("a device that got nothing").isEmpty();
            assertThatThrownBy(() -> lineage.ofDevice("**!!")).isInstanceOf(InvalidDeviceIdException.class)
                    .hasMessageContaining("only letters, digits");
        }
        try (var staff = SignedIn.as(SignedIn.operatorStaff("nordkabel"))) {
            assertThatThrownBy(() -> lineage.ofDevice(mac)).isInstanceOf(AccessDeniedException.class);
        }
    }
}
