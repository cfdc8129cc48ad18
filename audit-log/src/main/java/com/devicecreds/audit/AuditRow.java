package com.devicecreds.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * One stored row of the audit trail, exactly as the database holds it.
 *
 * @param actorRoles   the actor's roles, sorted and comma-separated
 * @param operatorCode the actor's operator, or null
 * @param details      canonical JSON of the record's details, exactly as hashed
 * @param prevHash     the row hash of the row before (32 zero bytes for the first row)
 * @param rowHash      HMAC-SHA256 of the canonical form of this row, prevHash included
 * @param keyId        the id of the chain key that made rowHash (null for rows from before key ids)
 */
public record AuditRow(long seq, Instant occurredAt, String actor, String actorRoles, String operatorCode,
        String action, String target, String outcome, String details, byte[] prevHash, byte[] rowHash, String keyId) {

    /** Reads the current row of a result set that selected every column of audit_event. */
    public static AuditRow read(ResultSet rs) throws SQLException {
        return new AuditRow(rs.getLong("seq"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"),
                rs.getString("actor_roles"), rs.getString("operator_code"), rs.getString("action"),
                rs.getString("target"), rs.getString("outcome"), rs.getString("details"), rs.getBytes("prev_hash"),
                rs.getBytes("row_hash"), rs.getString("key_id"));
    }

    /** The same row under another sequence number, as an attacker moving rows would make it. */
    public AuditRow withSeq(long otherSeq) {
        return new AuditRow(otherSeq, occurredAt, actor, actorRoles, operatorCode, action, target, outcome, details,
                prevHash, rowHash, keyId);
    }
}
