package com.devicecreds.audit.verify;

import com.devicecreds.access.Actor;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditProperties;
import com.devicecreds.audit.AuditRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The retention purge, run by a daily job: deletes rows older than {@code audit.retention} from the
 * start of the chain through the database's own purge function, which refuses anything younger than
 * two years and moves the chain's base so that verification starts after the purged rows.
 */
@Component
public class AuditRetention {

    private final JdbcClient jdbc;
    private final AuditProperties properties;
    private final AuditLog auditLog;

    AuditRetention(JdbcClient jdbc, AuditProperties properties, AuditLog auditLog) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.auditLog = auditLog;
    }

    /** Deletes what is past retention; returns how many rows. A purge that deletes rows is recorded. */
    public long purge() {
        long deleted = jdbc.sql("select audit_purge(make_interval(secs => ?))")
                .param(properties.retention().toSeconds()).query(Long.class).single();
        if (deleted > 0) {
            auditLog.record(AuditRecord.of(Actor.SYSTEM, AuditAction.AUDIT_PURGED, AuditOutcome.SUCCESS, "audit trail")
                    .withDetail("rows", deleted)
                    .withDetail("retention", properties.retention().toString()));
        }
        return deleted;
    }
}
