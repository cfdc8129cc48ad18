package com.devicecreds.inventory.loading.batch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads {@link StagedBatch} rows; callers check access and scope before they call. */
public final class BatchRows {

    public static final String SELECT = """
            select b.id, b.batch_ref, b.credential_type_id, t.code, t.name, o.name as operator_name, b.record_count,
                   b.manifest_sha256, b.producing_facility, p.signer_subject, b.state, b.submitted_by, b.submitted_at,
                   b.approvals_required, b.staged_sha256,
                   (select count(*) from batch_decision d
                     where d.batch_id = b.id and d.decision = 'approved' and d.voided_at is null
                       and d.manifest_sha256 = b.manifest_sha256 and d.staged_sha256 = b.staged_sha256) as approvals
            from credential_batch b
            join credential_batch_package p on p.batch_id = b.id
            join credential_type t on t.id = b.credential_type_id
            left join operator o on o.id = t.owner_operator_id
            """;

    /** Batches of the types the caller's scope ({@code :operatorId}, null for all operators) may see. */
    public static final String IN_SCOPE = """
            (cast(:operatorId as smallint) is null
             or t.owner_operator_id = :operatorId
             or (t.owner_operator_id is null and exists (
                   select 1 from type_authorization a
                   where a.credential_type_id = t.id and a.operator_id = :operatorId
                     and a.revoked_at is null)))""";

    private BatchRows() {
    }

    public static Optional<StagedBatch> byId(JdbcClient jdbc, long id) {
        return jdbc.sql(SELECT + " where b.id = ?").param(id).query(BatchRows::row).optional();
    }

    public static StagedBatch row(ResultSet rs, int n) throws SQLException {
        return new StagedBatch(rs.getLong("id"), rs.getString("batch_ref"), rs.getInt("credential_type_id"),
                rs.getString("code"), rs.getString("name"), Optional.ofNullable(rs.getString("operator_name")),
                rs.getLong("record_count"), HexFormat.of().formatHex(rs.getBytes("manifest_sha256")),
                rs.getString("producing_facility"), rs.getString("signer_subject"), rs.getString("state"),
                rs.getString("submitted_by"), rs.getTimestamp("submitted_at").toInstant(), rs.getInt("approvals"),
                rs.getInt("approvals_required"),
                Optional.ofNullable(rs.getBytes("staged_sha256")).map(HexFormat.of()::formatHex).orElse(""));
    }
}
