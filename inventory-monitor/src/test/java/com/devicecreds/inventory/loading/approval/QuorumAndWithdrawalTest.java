package com.devicecreds.inventory.loading.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import com.devicecreds.audit.AuditAction;
import com.devicecreds.inventory.InventoryModuleTestApplication.TestClock;
import com.devicecreds.inventory.loading.LoadingFixture;
import com.devicecreds.inventory.loading.batch.BatchRows;
import com.devicecreds.inventory.loading.upload.PackageUploadService;
import com.devicecreds.testsupport.RecordsAudit;
import com.devicecreds.testsupport.SignedIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A batch's quorum is fixed when it is staged; a change of its type's quorum applies to later
 * batches only; a submitter may withdraw their own waiting request
 * (docs/decisions/027-quorum-withdrawal-and-step-up.md).
 */
@SpringBootTest
class QuorumAndWithdrawalTest {

    @Autowired
    ApprovalService approvals;
    @Autowired
    BatchWithdrawal withdrawal;
    @Autowired
    PackageUploadService uploads;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;

    private ApprovalWorld world;

    @BeforeEach
    void world() {
        clock.set(Instant.now());
        world = new ApprovalWorld(jdbc, uploads);
    }

    private void quorum(LoadingFixture.Type type, int approvals) {
        jdbc.sql("update credential_type set approvals_required = ? where id = ?").params(approvals, type.id()).update();
    }

    private String shown(long batchId) {
        var batch = BatchRows.byId(jdbc, batchId).orElseThrow();
        return batch.approvals() + " of " + batch.approvalsRequired();
    }

    @Test
    void lowering_a_types_quorum_leaves_a_waiting_request_at_its_own_quorum_which_the_next_approver_completes() {
        var type = world.type(2);
        var waiting = world.staged(type, 5);
        try (var ben = ApprovalWorld.ben()) {
            assertThat(approvals.approve(waiting.id(), waiting.manifestSha256()).state()).isEqualTo("staged");
        }

        quorum(type, 1);

        assertThat(shown(waiting.id())).as("never \"1 of 1\" and stuck").isEqualTo("1 of 2");
        try (var carl = ApprovalWorld.carl()) {
            var outcome = approvals.approve(waiting.id(), waiting.manifestSha256());
            assertThat(outcome.state()).isEqualTo("approved");
            assertThat(outcome.required()).isEqualTo(2);
        }
        var later = world.staged(type, 5);
        assertThat(later.approvalsRequired()).as("batches staged after the change").isEqualTo(1);
    }

    @Test
    void raising_a_types_quorum_does_not_hold_back_a_waiting_request_staged_before() {
        var type = world.type(1);
        var waiting = world.staged(type, 5);

        quorum(type, 3);

        try (var ben = ApprovalWorld.ben()) {
            assertThat(approvals.approve(waiting.id(), waiting.manifestSha256()).state()).isEqualTo("approved");
        }
        assertThat(world.staged(type, 5).approvalsRequired()).isEqualTo(3);
    }

    @Test
    void the_quorum_stored_with_a_batch_is_the_types_whatever_the_inserting_statement_says() {
        var type = world.type(2);
        long id = jdbc.sql("""
                        insert into credential_batch (batch_ref, credential_type_id, record_count, producing_facility, state,
                                                      submitted_by, approvals_required)
                        values (?, ?, 0, 'x', 'staged', 'pki.anna', 1) returning id""")
                .params("QUORUM-" + System.nanoTime(), type.id()).query(Long.class).single();
        assertThat(jdbc.sql("select approvals_required from credential_batch where id = ?").param(id).query(Integer.class).single())
                .isEqualTo(2);
        jdbc.sql("update credential_batch set state = 'withdrawn', closed_at = now() where id = ?").param(id).update();
    }

    @Test
    @RecordsAudit(AuditAction.BATCH_WITHDRAWN)
    void a_submitter_withdraws_their_own_waiting_request_and_nobody_else_can() {
        var type = world.type(2);
        var batch = world.staged(type, 8);
        try (var ben = ApprovalWorld.ben()) {
            approvals.approve(batch.id(), batch.manifestSha256());
            assertThatThrownBy(() -> withdrawal.withdraw(batch.id(), null))
                    .isInstanceOf(DecisionRefusedException.class).hasMessageContaining("Only its submitter, pki.anna");
        }
        assertThat(world.state(batch)).isEqualTo("staged");

        try (var anna = SignedIn.pkiOps()) {
            withdrawal.withdraw(batch.id(), "wrong facility");
            assertThatThrownBy(() -> withdrawal.withdraw(batch.id(), null))
                    .isInstanceOf(DecisionRefusedException.class).hasMessageContaining("is withdrawn");
        }

        assertThat(world.state(batch)).isEqualTo("withdrawn");
        assertThat(world.credentials(batch)).as("its staged credentials are discarded").containsExactly(0, 0);
        assertThat(jdbc.sql("select closed_note from credential_batch where id = ?").param(batch.id()).query(String.class).single())
                .isEqualTo("Withdrawn by its submitter: wrong facility");
        assertThat(world.audited(batch)).containsExactly("BATCH_APPROVED pki.ben", "BATCH_WITHDRAWN pki.anna");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'BATCH_WITHDRAWN' and outcome = 'denied' and target = ?")
                .param("batch-id:" + batch.id()).query(Integer.class).single()).isEqualTo(2);
        try (var carl = ApprovalWorld.carl()) {
            assertThatThrownBy(() -> approvals.approve(batch.id(), batch.manifestSha256()))
                    .isInstanceOf(DecisionRefusedException.class).hasMessageContaining("no longer takes decisions");
        }
    }
}
