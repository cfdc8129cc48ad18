package com.devicecreds.inventory.loading.upload.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import com.devicecreds.inventory.loading.format.Manifest;
import com.devicecreds.inventory.loading.upload.ProblemKind;
import com.devicecreds.inventory.loading.upload.TargetPool;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SQL side of validation, in the upload's transaction: the well-formed records go into a
 * temporary table by COPY; duplicates within the batch and against the database are found by SQL
 * (no set of a million IDs in memory); a valid package is then inserted as a staged batch with one
 * insert ... select. A refused package rolls back, temporary table and all.
 */
final class Staging {

    /** Advisory lock class for uploads, so that two uploads of one type check duplicates one after the other. */
    private static final int UPLOAD_LOCK = 0x6c6f6164;

    private final JdbcClient jdbc;

    Staging(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Type(TargetPool pool, RecordScanner.DeviceRule deviceRule, boolean issuedOnline) {
    }

    Optional<Type> type(String code) {
        return jdbc.sql("""
                        select t.id, t.code, t.name, o.name as operator_name, t.binding_mode, k.name as kind_name, k.pattern,
                               coalesce(c.available, 0) as available, coalesce(c.staged, 0) as staged
                        from credential_type t
                        join device_id_kind k on k.code = t.device_id_kind
                        left join operator o on o.id = t.owner_operator_id
                        left join pool_count_now c on c.credential_type_id = t.id
                        where t.code = ?""")
                .param(code)
                .query((rs, n) -> new Type(
                        new TargetPool(rs.getInt("id"), rs.getString("code"), rs.getString("name"),
                                Optional.ofNullable(rs.getString("operator_name")), rs.getString("binding_mode"),
                                rs.getLong("available"), rs.getLong("staged")),
                        new RecordScanner.DeviceRule(rs.getString("kind_name"), java.util.regex.Pattern.compile(rs.getString("pattern")),
                                "pre-bound".equals(rs.getString("binding_mode"))),
                        "issued-online".equals(rs.getString("binding_mode"))))
                .optional();
    }

    void lock(int credentialTypeId) {
        jdbc.sql("select 1 from pg_advisory_xact_lock(?, ?)").params(UPLOAD_LOCK, credentialTypeId).query(Integer.class).single();
    }

    CopyRows openStagingTable(Connection connection) throws SQLException {
        jdbc.sql("""
                create temporary table staged_record (line bigint not null, credential_ref text not null,
                    device_id text not null, payload text not null) on commit drop""").update();
        return new CopyRows(connection, "staged_record", "line, credential_ref, device_id, payload");
    }

    /** Duplicates within the batch and against the pool's existing credentials. */
    void findDuplicates(Optional<Type> type, Problems problems) {
        jdbc.sql("analyze staged_record").update();
        listed(problems, ProblemKind.DUPLICATE_IN_BATCH, """
                select 'The credential ID ''' || credential_ref || ''' appears ' || count(*) || ' times (lines '
                       || array_to_string((array_agg(line order by line))[1:5], ', ') || ').', count(*) over ()
                from staged_record group by credential_ref having count(*) > 1 order by min(line) limit 20""", null);
        listed(problems, ProblemKind.DUPLICATE_IN_BATCH, """
                select 'The device ID ''' || device_id || ''' is pre-bound ' || count(*) || ' times (lines '
                       || array_to_string((array_agg(line order by line))[1:5], ', ') || ').', count(*) over ()
                from staged_record where device_id <> '' group by device_id having count(*) > 1 order by min(line) limit 20""", null);
        if (type.isEmpty()) {
            return;
        }
        int typeId = type.get().pool().credentialTypeId();
        listed(problems, ProblemKind.DUPLICATE_IN_DATABASE, """
                select 'Line ' || s.line || ': the credential ID ''' || s.credential_ref || ''' exists already in this pool (batch '
                       || b.batch_ref || ').', count(*) over ()
                from staged_record s
                join credential c on c.credential_type_id = :type and c.credential_ref = s.credential_ref
                join credential_batch b on b.id = c.batch_id
                order by s.line limit 20""", typeId);
        listed(problems, ProblemKind.DEVICE_ID_TAKEN, """
                select 'Line ' || s.line || ': the device ID ''' || s.device_id || ''' already has a pre-bound credential of this type ('''
                       || c.credential_ref || ''').', count(*) over ()
                from staged_record s
                join credential c on c.credential_type_id = :type and c.prebound_device_id = s.device_id
                where s.device_id <> ''
                order by s.line limit 20""", typeId);
    }

    void findEarlierUpload(Manifest manifest, byte[] manifestSha256, Problems problems) {
        jdbc.sql("select batch_ref, state, submitted_by, submitted_at from credential_batch where batch_ref = ? or manifest_sha256 = ?")
                .params(manifest.batchId(), manifestSha256)
                .query((rs, n) -> "This package was uploaded before: batch " + rs.getString("batch_ref") + " ("
                        + rs.getString("state") + ", by " + rs.getString("submitted_by") + " at "
                        + rs.getTimestamp("submitted_at").toInstant() + ") has the same "
                        + (rs.getString("batch_ref").equals(manifest.batchId()) ? "batch ID." : "manifest."))
                .list()
                .forEach(message -> problems.add(ProblemKind.ALREADY_UPLOADED, message));
    }

    long stage(Manifest manifest, byte[] manifestBytes, byte[] manifestSha256, int typeId, String signerFingerprint,
            String signerSubject, String fileName, long packageBytes, String submittedBy, Instant now) {
        long batchId = jdbc.sql("""
                        insert into credential_batch (batch_ref, credential_type_id, record_count, manifest_sha256,
                                                      producing_facility, state, submitted_by, submitted_at)
                        values (?, ?, ?, ?, ?, 'staged', ?, ?) returning id""")
                .params(manifest.batchId(), typeId, manifest.recordCount(), manifestSha256, manifest.producingFacility(),
                        submittedBy, Timestamp.from(now))
                .query(Long.class).single();
        jdbc.sql("""
                        insert into credential_batch_package (batch_id, manifest, records_sha256, signer_fingerprint,
                                                              signer_subject, created_at, file_name, package_bytes)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(batchId, manifestBytes, manifest.recordsSha256(), signerFingerprint, signerSubject,
                        Timestamp.from(manifest.createdAt()), fileName, packageBytes)
                .update();
        long inserted = jdbc.sql("""
                        insert into credential (credential_ref, credential_type_id, batch_id, payload, prebound_device_id, state)
                        select credential_ref, :type, :batch, decode(payload, 'base64'), nullif(device_id, ''), 'staged'
                        from staged_record order by line""")
                .param("type", typeId).param("batch", batchId).update();
        if (inserted != manifest.recordCount()) {
            throw new IllegalStateException("Staged " + inserted + " credentials of " + manifest.recordCount());
        }
        // The database seals the rows as stored: approvers approve this digest, and the activation
        // recomputes it (docs/decisions/026-activation-bound-to-stored-data.md).
        jdbc.sql("select seal_credential_batch(?)").param(batchId).query(byte[].class).single();
        return batchId;
    }

    private void listed(Problems problems, ProblemKind kind, String sql, Integer typeId) {
        var spec = jdbc.sql(sql);
        if (typeId != null) {
            spec = spec.param("type", typeId);
        }
        long[] total = {0};
        int[] shown = {0};
        spec.query((rs, n) -> {
            total[0] = rs.getLong(2);
            shown[0]++;
            problems.add(kind, rs.getString(1));
            return null;
        }).list();
        problems.addUnlisted(kind, total[0] - shown[0]);
    }
}
