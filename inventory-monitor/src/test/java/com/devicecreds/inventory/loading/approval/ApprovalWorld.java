package com.devicecreds.inventory.loading.approval;

import java.io.ByteArrayInputStream;
import java.util.Optional;

import com.devicecreds.access.Roles;
import com.devicecreds.inventory.loading.LoadingFixture;
import com.devicecreds.inventory.loading.batch.StagedBatch;
import com.devicecreds.inventory.loading.sample.Facility;
import com.devicecreds.inventory.loading.sample.SamplePackage;
import com.devicecreds.inventory.loading.upload.PackageUploadService;
import com.devicecreds.testsupport.SignedIn;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Staged batches uploaded by pki.anna, and the people who decide on them. */
final class ApprovalWorld {

    static final Facility TRUSTED = LoadingFixture.facility("Approval Test KGF");

    private final JdbcClient jdbc;
    private final PackageUploadService uploads;
    final LoadingFixture fixture;
    private int seed = (int) (System.nanoTime() & 0xffff);

    ApprovalWorld(JdbcClient jdbc, PackageUploadService uploads) {
        this.jdbc = jdbc;
        this.uploads = uploads;
        this.fixture = new LoadingFixture(jdbc);
        fixture.trust(TRUSTED);
    }

    /** A next-available type needing {@code approvals} approvals. */
    LoadingFixture.Type type(int approvals) {
        var type = fixture.type("approval", "next-available", "soc-id");
        jdbc.sql("update credential_type set approvals_required = ? where id = ?").params(approvals, type.id()).update();
        return type;
    }

    /** A batch of {@code records} credentials uploaded and staged by pki.anna. */
    StagedBatch staged(LoadingFixture.Type type, int records) {
        var sample = SamplePackage.of(TRUSTED, type.code(), records).seed(seed++);
        try (var anna = SignedIn.pkiOps()) {
            var report = uploads.upload(new ByteArrayInputStream(sample.toBytes()), sample.batchId() + ".zip");
            return report.batch().orElseThrow(() -> new AssertionError(report.problems().toString()));
        }
    }

    static SignedIn ben() {
        return SignedIn.as("pki.ben", Optional.empty(), Roles.PKI_OPS);
    }

    static SignedIn carl() {
        return SignedIn.as("pki.carl", Optional.empty(), Roles.PKI_OPS);
    }

    String state(StagedBatch batch) {
        return jdbc.sql("select state from credential_batch where id = ?").param(batch.id()).query(String.class).single();
    }

    /** The batch's credentials by state: {staged, available}. */
    long[] credentials(StagedBatch batch) {
        return jdbc.sql("""
                        select count(*) filter (where state = 'staged'), count(*) filter (where state = 'available')
                        from credential where batch_id = ?""")
                .param(batch.id()).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
    }

    /** The batch's audit records that succeeded, oldest first, as "ACTION actor". */
    java.util.List<String> audited(StagedBatch batch) {
        return jdbc.sql("""
                        select action || ' ' || actor from audit_event
                        where outcome = 'success' and details like ? order by seq""")
                .param("%\"batchId\":\"" + batch.id() + "\"%").query(String.class).list();
    }
}
