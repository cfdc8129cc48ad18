package com.devicecreds.inventory.loading.batch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads {@link StagedBatch} rows; callers check access and scope before they call. */
public final class BatchRows {

    static final String SELECT = """
            select b.id, b.batch_ref, b.credential_type_id, t.code, t.name, o.name as operator_name, b.record_count,
                   b.manifest_sha256, b.producing_facility, p.signer_subject, b.state, b.submitted_by, b.submitted_at
            from credential_batch b
            join credential_batch_package p on p.batch_id = b.id
            join credential_type t on t.id = b.credential_type_id
            left join operator o on o.id = t.owner_operator_id
            """;

    private BatchRows() {
    }

    public static Optional<StagedBatch> byId(JdbcClient jdbc, long id) {
        return jdbc.sql(SELECT + " where b.id = ?").param(id).query(BatchRows::row).optional();
    }

    static StagedBatch row(ResultSet rs, int n) throws SQLException {
        return new StagedBatch(rs.getLong("id"), rs.getString("batch_ref"), rs.getInt("credential_type_id"),
                rs.getString("code"), rs.getString("name"), Optional.ofNullable(rs.getString("operator_name")),
                rs.getLong("record_count"), HexFormat.of().formatHex(rs.getBytes("manifest_sha256")),
                rs.getString("producing_facility"), rs.getString("signer_subject"), rs.getString("state"),
                rs.getString("submitted_by"), rs.getTimestamp("submitted_at").toInstant());
    }
}
