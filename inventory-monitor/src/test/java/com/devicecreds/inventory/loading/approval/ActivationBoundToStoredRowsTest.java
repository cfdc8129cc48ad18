package com.devicecreds.inventory.loading.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import com.devicecreds.audit.AuditAction;
import com.devicecreds.inventory.InventoryModuleTestApplication.PublishedEvents;
import com.devicecreds.inventory.InventoryModuleTestApplication.TestClock;
import com.devicecreds.inventory.loading.batch.StagedBatch;
import com.devicecreds.inventory.loading.upload.PackageUploadService;
import com.devicecreds.testsupport.RecordsAudit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Dual control bound to the stored rows (docs/decisions/026-activation-bound-to-stored-data.md): the
 * application's role cannot change a staged batch or make credentials available by itself, and a
 * batch changed by someone who can (the schema's owner) is refused at activation, marked, audited and
 * reported, however consistently the manifest and its hashes were rewritten.
 */
@SpringBootTest
class ActivationBoundToStoredRowsTest {

    private static final String PERMISSION_DENIED = "42501";

    @Autowired
    ApprovalService approvals;
    @Autowired
    BatchActivation activation;
    @Autowired
    BatchWithdrawal withdrawal;
    @Autowired
    ApprovalInbox inbox;
    @Autowired
    BatchExpiry expiry;
    @Autowired
    PackageUploadService uploads;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    TestClock clock;
    @Autowired
    PublishedEvents events;

    private ApprovalWorld world;
    private AsApplicationRole app;

    @BeforeEach
    void world() {
        clock.set(Instant.now());
        world = new ApprovalWorld(jdbc, uploads);
        app = new AsApplicationRole(jdbc, transactions);
    }

    @Test
    void upload_approval_and_activation_work_with_the_application_roles_own_rights() {
        var type = world.type(1);
        StagedBatch batch = app.run(() -> world.staged(type, 40));
        assertThat(batch.stagedSha256()).as("sealed by the database at staging").hasSize(64);

        try (var ben = ApprovalWorld.ben()) {
            assertThat(app.run(() -> approvals.approve(batch.id(), batch.manifestSha256())).state()).isEqualTo("approved");
        }
        assertThat(app.run(() -> activation.activate(batch.id()))).isTrue();

        assertThat(world.state(batch)).isEqualTo("active");
        assertThat(world.credentials(batch)).containsExactly(0, 40);
    }

    @Test
    void rejection_withdrawal_and_expiry_work_with_the_application_roles_own_rights() {
        var type = world.type(1);
        var rejected = world.staged(type, 4);
        var withdrawn = world.staged(type, 4);
        var expired = world.staged(type, 4);
        try (var ben = ApprovalWorld.ben()) {
            app.run(() -> approvals.reject(rejected.id(), rejected.manifestSha256(), "wrong pool"));
        }
        try (var anna = com.devicecreds.testsupport.SignedIn.pkiOps()) {
            app.run(() -> {
                withdrawal.withdraw(withdrawn.id(), null);
                return null;
            });
        }
        clock.advance(java.time.Duration.ofHours(73));
        app.run(() -> expiry.expireOverdue());

        assertThat(world.state(rejected)).isEqualTo("rejected");
        assertThat(world.state(withdrawn)).isEqualTo("withdrawn");
        assertThat(world.state(expired)).isEqualTo("expired");
        for (var batch : java.util.List.of(rejected, withdrawn, expired)) {
            assertThat(world.credentials(batch)).as("staged credentials discarded").containsExactly(0, 0);
        }
    }

    @Test
    void the_application_role_can_neither_change_a_staged_batch_nor_make_credentials_available() {
        var batch = world.staged(world.type(1), 10);
        long id = batch.id();

        assertThat(app.sqlState("update credential set payload = '\\x00' where batch_id = ?", id)).as("payload").isEqualTo(PERMISSION_DENIED);
        assertThat(app.sqlState("update credential set prebound_device_id = 'X' where batch_id = ?", id)).isEqualTo(PERMISSION_DENIED);
        assertThat(app.sqlState("update credential set state = 'available' where batch_id = ? and state = 'staged'", id))
                .as("staged to available").isEqualTo(PERMISSION_DENIED);
        assertThat(app.sqlState("""
                        insert into credential (credential_ref, credential_type_id, batch_id, payload, state)
                        values ('FORGED-1', ?, ?, '\\x01', 'available')""", batch.credentialTypeId(), id))
                .as("an available credential inserted").isEqualTo(PERMISSION_DENIED);
        assertThat(app.sqlState("update credential_batch set manifest_sha256 = sha256('x') where id = ?", id)).isEqualTo(PERMISSION_DENIED);
        assertThat(app.sqlState("update credential_batch set staged_sha256 = sha256('x') where id = ?", id)).isEqualTo(PERMISSION_DENIED);
        assertThat(app.sqlState("update credential_batch set approvals_required = 1 where id = ?", id)).isEqualTo(PERMISSION_DENIED);
        assertThat(app.sqlState("update credential_batch set state = 'active', activated_at = now() where id = ?", id))
                .as("activated without the function").isEqualTo(PERMISSION_DENIED);
        assertThat(app.sqlState("update credential_batch_package set manifest = '\\x00' where batch_id = ?", id)).isEqualTo(PERMISSION_DENIED);
        assertThat(app.sqlState("update batch_decision set staged_sha256 = sha256('x') where batch_id = ?", id)).isEqualTo(PERMISSION_DENIED);
        assertThat(app.sqlState("select seal_credential_batch(?)", id)).as("sealed twice").isEqualTo("55000");
        assertThat(app.run(() -> jdbc.sql("select activate_credential_batch(?, now())").param(id).query(String.class).single()))
                .as("the function activates approved batches only").isEqualTo("not-approved");

        assertThat(world.state(batch)).isEqualTo("staged");
        assertThat(world.credentials(batch)).containsExactly(10, 0);
    }

    @Test
    @RecordsAudit(AuditAction.BATCH_ACTIVATION_REFUSED)
    void a_payload_edited_after_approval_with_manifest_and_hashes_rewritten_to_match_is_refused_at_activation() {
        var batch = world.staged(world.type(1), 25);
        try (var ben = ApprovalWorld.ben()) {
            approvals.approve(batch.id(), batch.manifestSha256());
        }
        // As the schema's owner: one payload changed, the manifest, its hash, the seal and the
        // approvals' manifest hash all rewritten so that every stored hash agrees with the rows.
        jdbc.sql("update credential set payload = '\\xdeadbeef' where id = (select min(id) from credential where batch_id = ?)")
                .param(batch.id()).update();
        jdbc.sql("update credential_batch_package set manifest = manifest || '\\x0a'::bytea where batch_id = ?").param(batch.id()).update();
        jdbc.sql("""
                        update credential_batch b set manifest_sha256 = sha256(p.manifest), staged_sha256 = credential_batch_digest(b.id)
                        from credential_batch_package p where p.batch_id = b.id and b.id = ?""")
                .param(batch.id()).update();
        jdbc.sql("update batch_decision d set manifest_sha256 = b.manifest_sha256 from credential_batch b where b.id = d.batch_id and b.id = ?")
                .param(batch.id()).update();

        assertThat(activation.activate(batch.id())).isFalse();

        assertThat(world.state(batch)).isEqualTo("tampered");
        assertThat(world.credentials(batch)).as("nothing became available").containsExactly(25, 0);
        assertThat(jdbc.sql("select closed_note from credential_batch where id = ?").param(batch.id()).query(String.class).single())
                .startsWith("Activation refused: approvals-missing");
        assertThat(events.of(BatchActivationRefused.class)).contains(new BatchActivationRefused(batch.id(), batch.batchRef(),
                "approvals-missing"));
        assertThat(jdbc.sql("select actor || ' ' || outcome from audit_event where action = 'BATCH_ACTIVATION_REFUSED' and details like ?")
                .param("%\"batchId\":\"" + batch.id() + "\"%").query(String.class).list()).containsExactly("system denied");
        assertThat(activation.activate(batch.id())).as("a tampered batch is never activated later").isFalse();
    }

    @Test
    void a_payload_edited_after_approval_alone_is_refused_as_changed_rows() {
        var batch = world.staged(world.type(1), 5);
        try (var ben = ApprovalWorld.ben()) {
            approvals.approve(batch.id(), batch.manifestSha256());
        }
        try (var carl = ApprovalWorld.carl()) {
            assertThat(inbox.context(batch.id()).orElseThrow().packageFacts().rowsIntact()).isTrue();
        }
        jdbc.sql("update credential set payload = payload || '\\x00'::bytea where id = (select max(id) from credential where batch_id = ?)")
                .param(batch.id()).update();
        try (var carl = ApprovalWorld.carl()) {
            assertThat(inbox.context(batch.id()).orElseThrow().packageFacts().rowsIntact()).as("shown to approvers").isFalse();
        }

        activation.activateApproved();

        assertThat(world.state(batch)).isEqualTo("tampered");
        assertThat(events.of(BatchActivationRefused.class)).contains(new BatchActivationRefused(batch.id(), batch.batchRef(),
                "rows-changed"));
    }
}
