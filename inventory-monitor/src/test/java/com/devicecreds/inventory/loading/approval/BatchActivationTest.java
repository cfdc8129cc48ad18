package com.devicecreds.inventory.loading.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import com.devicecreds.audit.AuditAction;
import com.devicecreds.inventory.InventoryModuleTestApplication.TestClock;
import com.devicecreds.inventory.loading.LoadingFixture;
import com.devicecreds.inventory.loading.batch.StagedBatch;
import com.devicecreds.inventory.loading.upload.PackageUploadService;
import com.devicecreds.testsupport.RecordsAudit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Activation: all of a batch's credentials at once, all or nothing, once. */
@SpringBootTest
class BatchActivationTest {

    @Autowired
    ApprovalService approvals;
    @Autowired
    BatchActivation activation;
    @Autowired
    PackageUploadService uploads;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    TestClock clock;

    private ApprovalWorld world;

    @BeforeEach
    void world() {
        clock.set(Instant.now());
        world = new ApprovalWorld(jdbc, uploads);
    }

    private StagedBatch approved(int records) {
        var batch = world.staged(world.type(1), records);
        try (var ben = ApprovalWorld.ben()) {
            assertThat(approvals.approve(batch.id(), batch.manifestSha256()).state()).isEqualTo("approved");
        }
        return batch;
    }

    @Test
    @RecordsAudit(AuditAction.BATCH_ACTIVATED)
    void activation_makes_every_credential_available_at_once_and_a_second_activation_is_a_no_op() {
        var batch = approved(300);
        long[] poolBefore = world.fixture.counts(new LoadingFixture.Type(batch.credentialTypeId(), batch.typeCode()));
        assertThat(world.credentials(batch)).containsExactly(300, 0);

        assertThat(activation.activate(batch.id())).isTrue();

        assertThat(world.credentials(batch)).containsExactly(0, 300);
        assertThat(world.state(batch)).isEqualTo("active");
        long[] poolAfter = world.fixture.counts(new LoadingFixture.Type(batch.credentialTypeId(), batch.typeCode()));
        assertThat(poolAfter[1] - poolBefore[1]).as("inventory rises by the batch size").isEqualTo(300);
        assertThat(poolAfter[0] - poolBefore[0]).isEqualTo(-300);
        assertThat(jdbc.sql("select activated_at is not null from credential_batch where id = ?").param(batch.id())
                .query(Boolean.class).single()).isTrue();

        assertThat(activation.activate(batch.id())).isFalse();
        activation.activateApproved();
        assertThat(world.credentials(batch)).containsExactly(0, 300);
        assertThat(world.audited(batch)).containsExactly("BATCH_APPROVED pki.ben", "BATCH_ACTIVATED system");
    }

    @Test
    void an_activation_killed_midway_leaves_nothing_and_the_retry_activates_everything() {
        var batch = approved(200);
        var tx = new TransactionTemplate(transactions);

        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            assertThat(activation.activate(batch.id())).isTrue();
            assertThat(world.credentials(batch)).as("inside the activation").containsExactly(0, 200);
            throw new IllegalStateException("the node died before the commit");
        })).hasMessageContaining("node died");

        assertThat(world.state(batch)).isEqualTo("approved");
        assertThat(world.credentials(batch)).as("nothing leaked out of the failed activation").containsExactly(200, 0);

        assertThat(activation.activateApproved()).isGreaterThanOrEqualTo(1);
        assertThat(world.state(batch)).isEqualTo("active");
        assertThat(world.credentials(batch)).containsExactly(0, 200);
    }

    @Test
    void a_batch_missing_credentials_is_not_activated_at_all_and_ends_tampered() {
        var batch = approved(50);
        jdbc.sql("delete from credential where id = (select min(id) from credential where batch_id = ?)").param(batch.id()).update();

        activation.activateApproved();

        assertThat(world.state(batch)).isEqualTo("tampered");
        assertThat(world.credentials(batch)).containsExactly(49, 0);
    }
}
