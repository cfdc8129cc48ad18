package com.devicecreds.inventory.loading.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.inventory.InventoryModuleTestApplication.PublishedEvents;
import com.devicecreds.inventory.InventoryModuleTestApplication.TestClock;
import com.devicecreds.inventory.InventoryModuleTestApplication.TestReauthentication;
import com.devicecreds.inventory.loading.upload.PackageUploadService;
import com.devicecreds.testsupport.RecordsAudit;
import com.devicecreds.testsupport.SignedIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

/** Dual control on the real database: who may decide, on what, how often, and until when. */
@SpringBootTest
class ApprovalServiceTest {

    @Autowired
    ApprovalService approvals;
    @Autowired
    ApprovalInbox inbox;
    @Autowired
    BatchExpiry expiry;
    @Autowired
    BatchActivation activation;
    @Autowired
    PackageUploadService uploads;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;
    @Autowired
    TestReauthentication reauthentication;
    @Autowired
    PublishedEvents events;

    private ApprovalWorld world;

    @BeforeEach
    void world() {
        clock.set(Instant.now());
        reauthentication.setRecent(true);
        world = new ApprovalWorld(jdbc, uploads);
    }

    @AfterEach
    void signOut() {
        reauthentication.setRecent(true);
        SecurityContextHolder.clearContext();
    }

    @Test
    void the_submitter_cannot_approve_in_any_role_administrator_included() {
        var batch = world.staged(world.type(1), 10);
        try (var anna = SignedIn.as("pki.anna", Optional.empty(), Roles.PKI_OPS, Roles.ADMIN)) {
            assertThatThrownBy(() -> approvals.approve(batch.id(), batch.manifestSha256()))
                    .isInstanceOf(DecisionRefusedException.class).hasMessageContaining("You submitted batch");
            assertThat(inbox.pending()).filteredOn(p -> p.batch().id() == batch.id())
                    .extracting(PendingBatch::yourPart).containsExactly(YourPart.OWN_BATCH);
        }
        try (var anna = SignedIn.as("pki.anna", Optional.empty(), Roles.ADMIN)) {
            assertThatThrownBy(() -> approvals.approve(batch.id(), batch.manifestSha256())).isInstanceOf(AccessDeniedException.class);
        }
        // The database refuses it too, whatever the code does.
        assertThatThrownBy(() -> jdbc.sql("""
                        insert into batch_decision (batch_id, submitted_by, decided_by, decision, manifest_sha256, decided_at)
                        select id, submitted_by, submitted_by, 'approved', manifest_sha256, now() from credential_batch where id = ?""")
                .param(batch.id()).update()).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(world.state(batch)).isEqualTo("staged");
        assertThat(world.credentials(batch)).containsExactly(10, 0);
    }

    @Test
    void an_administrator_who_is_not_pki_ops_cannot_decide_but_sees_the_inbox() {
        var batch = world.staged(world.type(1), 5);
        try (var erik = SignedIn.admin()) {
            assertThatThrownBy(() -> approvals.approve(batch.id(), batch.manifestSha256())).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> approvals.reject(batch.id(), batch.manifestSha256(), "no")).isInstanceOf(AccessDeniedException.class);
            assertThat(inbox.context(batch.id()).orElseThrow().yourPart()).isEqualTo(YourPart.NOT_AN_APPROVER);
        }
        try (var dora = SignedIn.auditor()) {
            assertThatThrownBy(inbox::pending).isInstanceOf(AccessDeniedException.class);
        }
    }

    @Test
    @RecordsAudit(AuditAction.BATCH_APPROVED)
    void nobody_decides_twice_and_distinct_approvers_are_counted() {
        var batch = world.staged(world.type(2), 5);
        try (var ben = ApprovalWorld.ben()) {
            assertThat(inbox.context(batch.id()).orElseThrow().yourPart()).isEqualTo(YourPart.DECIDE);
            assertThat(approvals.approve(batch.id(), batch.manifestSha256())).isEqualTo(new DecisionOutcome("staged", 1, 2));
            assertThatThrownBy(() -> approvals.approve(batch.id(), batch.manifestSha256()))
                    .isInstanceOf(DecisionRefusedException.class).hasMessageContaining("already decided");
            assertThatThrownBy(() -> approvals.reject(batch.id(), batch.manifestSha256(), "changed my mind"))
                    .isInstanceOf(DecisionRefusedException.class).hasMessageContaining("already decided");
            assertThat(inbox.context(batch.id()).orElseThrow().yourPart()).isEqualTo(YourPart.DECIDED);
        }
        assertThatThrownBy(() -> jdbc.sql("""
                        insert into batch_decision (batch_id, submitted_by, decided_by, decision, manifest_sha256, decided_at)
                        select id, submitted_by, 'pki.ben', 'approved', manifest_sha256, now() from credential_batch where id = ?""")
                .param(batch.id()).update()).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(world.state(batch)).isEqualTo("staged");
        try (var carl = ApprovalWorld.carl()) {
            assertThat(approvals.approve(batch.id(), batch.manifestSha256())).isEqualTo(new DecisionOutcome("approved", 2, 2));
        }
        assertThat(events.of(BatchApproved.class)).extracting(BatchApproved::batchId).contains(batch.id());
        assertThat(world.credentials(batch)).as("approved, not yet activated").containsExactly(5, 0);
        assertThat(world.audited(batch)).containsExactly("BATCH_APPROVED pki.ben", "BATCH_APPROVED pki.carl");
    }

    @Test
    @RecordsAudit(AuditAction.BATCH_REJECTED)
    void a_rejection_needs_a_reason_and_is_final() {
        var batch = world.staged(world.type(2), 8);
        try (var ben = ApprovalWorld.ben()) {
            assertThatThrownBy(() -> approvals.reject(batch.id(), batch.manifestSha256(), "  "))
                    .isInstanceOf(DecisionRefusedException.class).hasMessageContaining("reason");
            assertThat(world.state(batch)).isEqualTo("staged");
            assertThat(approvals.reject(batch.id(), batch.manifestSha256(), "Wrong facility for this operator").state())
                    .isEqualTo("rejected");
        }
        try (var carl = ApprovalWorld.carl()) {
            assertThatThrownBy(() -> approvals.approve(batch.id(), batch.manifestSha256()))
                    .isInstanceOf(DecisionRefusedException.class).hasMessageContaining("is rejected");
        }
        assertThat(world.state(batch)).isEqualTo("rejected");
        assertThat(world.credentials(batch)).as("discarded, never available").containsExactly(0, 0);
        assertThat(jdbc.sql("select closed_note from credential_batch where id = ?").param(batch.id()).query(String.class).single())
                .isEqualTo("Wrong facility for this operator");
        assertThat(activation.activate(batch.id())).isFalse();
        assertThat(world.audited(batch)).containsExactly("BATCH_REJECTED pki.ben");
    }

    @Test
    @RecordsAudit(AuditAction.BATCH_EXPIRED)
    void a_request_expires_after_its_validity_and_takes_no_decision() {
        var type = world.type(1);
        var waiting = world.staged(type, 4);
        var swept = world.staged(type, 4);
        clock.advance(Duration.ofHours(71));
        try (var ben = ApprovalWorld.ben()) {
            assertThat(inbox.pending()).extracting(p -> p.batch().id()).contains(waiting.id(), swept.id());
        }
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        try (var ben = ApprovalWorld.ben()) {
            assertThat(inbox.pending()).extracting(p -> p.batch().id()).doesNotContain(waiting.id(), swept.id());
            assertThatThrownBy(() -> approvals.approve(waiting.id(), waiting.manifestSha256()))
                    .isInstanceOf(DecisionRefusedException.class).hasMessageContaining("expired");
        }
        assertThat(world.state(waiting)).as("expired by the refused decision").isEqualTo("expired");
        assertThat(expiry.expireOverdue()).isGreaterThanOrEqualTo(1);
        assertThat(world.state(swept)).as("expired by the job").isEqualTo("expired");
        assertThat(world.credentials(swept)).containsExactly(0, 0);
        assertThat(world.audited(waiting)).containsExactly("BATCH_EXPIRED system");
        assertThat(world.audited(swept)).containsExactly("BATCH_EXPIRED system");
    }

    @Test
    void an_approved_batch_not_activated_in_time_expires() {
        var batch = world.staged(world.type(1), 6);
        try (var ben = ApprovalWorld.ben()) {
            approvals.approve(batch.id(), batch.manifestSha256());
        }
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        assertThat(activation.activate(batch.id())).isFalse();
        assertThat(world.state(batch)).isEqualTo("expired");
        assertThat(world.credentials(batch)).as("never available").containsExactly(0, 0);
    }

    @Test
    @RecordsAudit(AuditAction.BATCH_APPROVALS_VOIDED)
    void a_changed_manifest_voids_the_approvals_and_refuses_the_decision() {
        var batch = world.staged(world.type(2), 5);
        try (var ben = ApprovalWorld.ben()) {
            approvals.approve(batch.id(), batch.manifestSha256());
        }
        try (var carl = ApprovalWorld.carl()) {
            assertThatThrownBy(() -> approvals.approve(batch.id(), "00".repeat(32)))
                    .isInstanceOf(ManifestChangedException.class).hasMessageContaining("1 earlier decision");
            var context = inbox.context(batch.id()).orElseThrow();
            assertThat(context.decisions()).singleElement().satisfies(d -> assertThat(d.voidedAt()).isPresent());
            assertThat(context.batch().approvals()).isZero();
            // The batch's hash itself changed behind the approvers' backs: the stored manifest no longer matches it.
            jdbc.sql("update credential_batch set manifest_sha256 = sha256(manifest_sha256) where id = ?").param(batch.id()).update();
            String newHash = inbox.context(batch.id()).orElseThrow().batch().manifestSha256();
            assertThatThrownBy(() -> approvals.approve(batch.id(), newHash)).isInstanceOf(ManifestChangedException.class);
        }
        try (var ben = ApprovalWorld.ben()) {
            assertThatThrownBy(() -> approvals.approve(batch.id(), batch.manifestSha256())).isInstanceOf(ManifestChangedException.class);
        }
        assertThat(world.state(batch)).isEqualTo("staged");
        assertThat(world.credentials(batch)).containsExactly(5, 0);
        assertThat(world.audited(batch)).containsExactly("BATCH_APPROVED pki.ben", "BATCH_APPROVALS_VOIDED pki.carl");
    }

    @Test
    void a_decision_needs_a_recent_authentication() {
        var batch = world.staged(world.type(1), 3);
        reauthentication.setRecent(false);
        try (var ben = ApprovalWorld.ben()) {
            assertThatThrownBy(() -> approvals.approve(batch.id(), batch.manifestSha256()))
                    .isInstanceOf(ReauthenticationRequiredException.class);
        }
        assertThat(world.state(batch)).isEqualTo("staged");
    }
}
