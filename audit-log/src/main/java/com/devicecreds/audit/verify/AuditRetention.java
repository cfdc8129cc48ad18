package com.devicecreds.audit.verify;

import java.time.Clock;
import java.util.Optional;

import com.devicecreds.access.Actor;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditProperties;
import com.devicecreds.audit.AuditRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The retention purge, run by a daily job (decision 024): finds the rows past {@code audit.retention} at
 * the start of the chain, appends a signed purge record stating that range to the anchor file, and only
 * then asks the database's purge function for exactly that range; the function refuses a range that
 * holds a row younger than two years. The verifier accepts a moved chain base only with such a record.
 */
@Component
public class AuditRetention {

    private final JdbcClient jdbc;
    private final AuditProperties properties;
    private final AnchorFile anchorFile;
    private final AuditLog auditLog;
    private final Clock clock;

    AuditRetention(JdbcClient jdbc, AuditProperties properties, AnchorFile anchorFile, AuditLog auditLog, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.anchorFile = anchorFile;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** Deletes what is past retention; returns how many rows. A purge that deletes rows is recorded. */
    public long purge() {
        Optional<PurgeRecord> range = jdbc.sql("""
                        with cutoff as (
                            select least(now() - make_interval(secs => :retention), now() - interval '2 years') as at),
                        young as (
                            select coalesce(min(seq), 9223372036854775807) as seq
                            from audit_event, cutoff where occurred_at >= cutoff.at)
                        select b.seq + 1 as from_seq, e.seq as to_seq, e.row_hash,
                               (select max(occurred_at) from audit_event where seq <= e.seq) as newest_at
                        from audit_event e, audit_chain_base b, young
                        where e.seq < young.seq
                        order by e.seq desc limit 1""")
                .param("retention", properties.retention().toSeconds())
                .query((rs, n) -> new PurgeRecord(rs.getLong("from_seq"), rs.getLong("to_seq"), rs.getBytes("row_hash"),
                        rs.getTimestamp("newest_at").toInstant(), clock.instant()))
                .optional();
        if (range.isEmpty()) {
            return 0;
        }
        var purge = range.get();
        anchorFile.purge(purge);
        long deleted = jdbc.sql("select audit_purge(make_interval(secs => ?), ?)")
                .params(properties.retention().toSeconds(), purge.toSeq()).query(Long.class).single();
        auditLog.record(AuditRecord.of(Actor.SYSTEM, AuditAction.AUDIT_PURGED, AuditOutcome.SUCCESS, "audit trail")
                .withDetail("rows", deleted)
                .withDetail("from", purge.fromSeq())
                .withDetail("to", purge.toSeq())
                .withDetail("retention", properties.retention().toString()));
        return deleted;
    }
}
