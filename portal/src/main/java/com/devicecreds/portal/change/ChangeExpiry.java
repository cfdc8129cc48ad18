package com.devicecreds.portal.change;

import java.time.Clock;

import com.devicecreds.access.Actor;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditRecord;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Expires pending configuration change requests past their time; run by the device CA job, as the system. */
@Component
public class ChangeExpiry {

    private final ChangeRows rows;
    private final AuditLog auditLog;
    private final Clock clock;

    ChangeExpiry(ChangeRows rows, AuditLog auditLog, Clock clock) {
        this.rows = rows;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** Returns how many requests expired. Audited once each, after the commit. */
    @Transactional
    public int expireDue() {
        var expired = rows.expireDue(clock.instant());
        expired.forEach(request -> auditLog.recordAfterCommit(expired(request)));
        return expired.size();
    }

    static AuditRecord expired(ChangeRequest request) {
        return ConfigChangeService.record(Actor.SYSTEM, AuditAction.CONFIG_CHANGE_EXPIRED, AuditOutcome.SUCCESS,
                request.id(), request.kind(), request.target(), request.summary());
    }
}
