package com.devicecreds.portal.metrics;

import java.util.Optional;

import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.verify.Anchor;
import com.devicecreds.audit.verify.AuditAnchors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The audit trail's state as the metrics show it, read from what the audit module already records:
 * the latest {@code AUDIT_VERIFIED} row of the trail (each verification records its result there) and
 * the last anchor of the anchor file. It never verifies by itself: a full verification reads every row,
 * and is an auditor's act that the trail records.
 */
@Component
class AuditStatusReader {

    private final JdbcClient jdbc;
    private final AuditAnchors anchors;

    AuditStatusReader(JdbcClient jdbc, AuditAnchors anchors) {
        this.jdbc = jdbc;
        this.anchors = anchors;
    }

    BusinessFigures.AuditStatus read() {
        record Verification(boolean intact, java.time.Instant at) {
        }
        // audit_event_action_idx (action, occurred_at desc) makes this one index probe.
        Optional<Verification> last = jdbc.sql("""
                        select outcome, occurred_at from audit_event
                        where action = :action order by occurred_at desc, seq desc limit 1""")
                .param("action", AuditAction.AUDIT_VERIFIED.name())
                .query((rs, n) -> new Verification(AuditOutcome.SUCCESS.code().equals(rs.getString("outcome")),
                        rs.getTimestamp("occurred_at").toInstant()))
                .optional();
        return new BusinessFigures.AuditStatus(last.map(Verification::intact), last.map(Verification::at),
                anchors.lastAnchor().map(Anchor::at));
    }
}
