package com.devicecreds.portal.demo;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The simulated provisioning service against a loaded batch: next-available binding finds none of
 * its credentials while it is staged or approved, and finds them once it is activated. Named to run
 * after DemoWorldSeederTest in the shared context, which counts the seeded events exactly.
 */
@PortalTest
class DeviceRequestsAgainstLoadedBatchTest {

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

    @Test
    void the_simulator_gets_nothing_from_a_batch_before_activation_and_its_credentials_after() throws Exception {
        var handler = new DeviceRequestHandler(jdbc, transactions, clock, device -> false);
        var pools = new TestPools(jdbc, JdbcClient.create(schemaOwner));
        var type = pools.newType(pools.operator("nordkabel"), "next-available", false, false, pools.newModel());
        String code = jdbc.sql("select code from credential_type where id = ?").param(type.id()).query(String.class).single();
        var upload = AnnasUpload.of(facilities, uploads, "Provisioning Test KGF " + code, code, 20, "sim.zip");
        long batchId = upload.batchId();
        String hash = upload.manifestSha256();

        var staged = handler.handle(pools.request(type, TestPools.mac(900_001)));
        assertThat(staged.outcome()).as("staged credentials are not in the pool").isEqualTo(ProvisioningOutcome.POOL_EMPTY);

        try (var ben = SignedIn.as(SignedIn.user("pki.ben", Optional.empty(), Roles.PKI_OPS))) {
            assertThat(stepUp.confirmPassword("demo")).isTrue();
            assertThat(approvals.approve(batchId, hash).state()).isEqualTo("approved");
        }
        // The scheduler may activate it at once after the commit; until then the pool stays empty.
        if (state(batchId).equals("approved")) {
            var approved = handler.handle(pools.request(type, TestPools.mac(900_002)));
            assertThat(approved.outcome()).isIn(ProvisioningOutcome.POOL_EMPTY, ProvisioningOutcome.DELIVERED);
            if (approved.outcome() == ProvisioningOutcome.DELIVERED) {
                assertThat(state(batchId)).as("delivered only once active").isEqualTo("active");
            }
        }
        activation.activate(batchId);
        assertThat(state(batchId)).isEqualTo("active");

        var delivered = handler.handle(pools.request(type, TestPools.mac(900_003)));
        assertThat(delivered.outcome()).isEqualTo(ProvisioningOutcome.DELIVERED);
        assertThat(jdbc.sql("select batch_id from credential where id = ?").param(delivered.credentialId().orElseThrow())
                .query(Long.class).single()).isEqualTo(batchId);
        assertThat(jdbc.sql("select count(*) from credential where batch_id = ? and state in ('available', 'bound')")
                .param(batchId).query(Long.class).single()).isEqualTo(20);
    }

    private String state(long batchId) {
        return jdbc.sql("select state from credential_batch where id = ?").param(batchId).query(String.class).single();
    }
}
