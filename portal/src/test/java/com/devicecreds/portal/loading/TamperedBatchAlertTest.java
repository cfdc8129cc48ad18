package com.devicecreds.portal.loading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import javax.sql.DataSource;

import com.devicecreds.access.Roles;
import com.devicecreds.inventory.loading.approval.ApprovalService;
import com.devicecreds.inventory.loading.approval.BatchActivation;
import com.devicecreds.inventory.loading.facility.FacilityCertificateService;
import com.devicecreds.inventory.loading.upload.PackageUploadService;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.database.SchemaOwner;
import com.devicecreds.portal.demo.AnnasUpload;
import com.devicecreds.portal.security.ApproverStepUp;
import com.devicecreds.portal.security.SignedIn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The portal end of decision 026: through the application's own database login an upload is
 * approved; the schema's owner then changes a staged payload; the activation job refuses the batch,
 * and PKI operations find the incident in their notifications (bell and e-mail outbox).
 */
@PortalTest
class TamperedBatchAlertTest {

    @Autowired
    FacilityCertificateService facilities;
    @Autowired
    PackageUploadService uploads;
    @Autowired
    ApprovalService approvals;
    @Autowired
    ApproverStepUp stepUp;
    @Autowired
    BatchActivation activation;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    @SchemaOwner
    DataSource schemaOwner;

    @Test
    void a_staged_payload_changed_after_approval_is_refused_at_activation_and_pki_operations_are_alerted() {
        String type = jdbc.sql("select code from credential_type where binding_mode = 'next-available' order by code limit 1")
                .query(String.class).single();
        var upload = AnnasUpload.of(facilities, uploads, "Tamper Test KGF", type, 30, "tamper.zip");
        long batchId = upload.batchId();
        String manifest = upload.manifestSha256();
        try (var ben = SignedIn.as(SignedIn.user("pki.ben", Optional.empty(), Roles.PKI_OPS))) {
            assertThat(stepUp.confirmPassword("demo")).isTrue();
            assertThat(approvals.approve(batchId, manifest).state()).isEqualTo("approved");
        }
        // The application's login may not; the schema's owner can, and does.
        JdbcClient.create(schemaOwner).sql("update credential set payload = '\\x00' where id = (select min(id) from credential where batch_id = ?)")
                .param(batchId).update();

        assertThat(activation.activate(batchId)).isFalse();

        assertThat(jdbc.sql("select state from credential_batch where id = ?").param(batchId).query(String.class).single())
                .isEqualTo("tampered");
        assertThat(jdbc.sql("select count(*) from credential where batch_id = ? and state = 'available'").param(batchId)
                .query(Integer.class).single()).isZero();
        var alert = JdbcClient.create(schemaOwner).sql("""
                        select n.title || ' | ' || n.link || ' | ' || (select count(*) from mail_outbox o where o.notification_id = n.id)
                        from notification n where n.source_kind = ? and n.source_id = ?""")
                .params(TamperedBatchNotifications.KIND, Long.toString(batchId)).query(String.class).single();
        assertThat(alert).isEqualTo("Credential batch " + upload.sample().batchId() + " refused at activation | loading/approvals/" + batchId + " | 1");
    }
}
