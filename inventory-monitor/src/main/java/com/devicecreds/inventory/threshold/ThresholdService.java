package com.devicecreds.inventory.threshold;

import java.util.Map;
import java.util.stream.Collectors;

import java.time.Clock;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditRecord;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The thresholds of each pool: read by the alert engine and the inventory, changed by PKI operations. */
@Service
public class ThresholdService {

    private final PoolThresholdRepository repository;
    private final AuditLog auditLog;
    private final CurrentActor currentActor;
    private final Clock clock;

    ThresholdService(PoolThresholdRepository repository, AuditLog auditLog, CurrentActor currentActor, Clock clock) {
        this.repository = repository;
        this.auditLog = auditLog;
        this.currentActor = currentActor;
        this.clock = clock;
    }

    /**
     * The pool's thresholds, or the defaults. Thresholds carry no operator data beyond the type id,
     * and the alert engine reads them as the system (no signed-in user), hence PermitAll.
     */
    @PermitAll
    @Transactional(readOnly = true)
    public Thresholds thresholdsOf(int credentialTypeId) {
        return repository.findById(credentialTypeId).map(PoolThreshold::thresholds).orElse(Thresholds.DEFAULTS);
    }

    /** The thresholds of every pool that has its own, by credential type id (the rest use the defaults). */
    @PermitAll
    @Transactional(readOnly = true)
    public Map<Integer, Thresholds> ownThresholds() {
        return repository.findAll().stream()
                .collect(Collectors.toUnmodifiableMap(PoolThreshold::credentialTypeId, PoolThreshold::thresholds));
    }

    /** Replaces the pool's thresholds; refused with every problem listed when they are inconsistent. Audited once. */
    @RolesAllowed(Roles.PKI_OPS)
    @Transactional
    public Thresholds update(int credentialTypeId, Thresholds changed) {
        var actor = currentActor.actor();
        var old = thresholdsOf(credentialTypeId);
        var record = AuditRecord.of(actor, AuditAction.POOL_THRESHOLDS_CHANGED, AuditOutcome.SUCCESS,
                "credential-type:" + credentialTypeId).withDetail("old", old.describe()).withDetail("new", changed.describe());
        var problems = changed.problems();
        if (!problems.isEmpty()) {
            auditLog.record(new AuditRecord(actor, record.action(), AuditOutcome.FAILED, record.target(),
                    record.details()).withDetail("problems", String.join("; ", problems)));
            throw new InvalidThresholdsException(problems);
        }
        var row = repository.findById(credentialTypeId).orElseGet(() -> new PoolThreshold(credentialTypeId));
        row.change(changed, actor.username(), clock.instant());
        repository.saveAndFlush(row);
        auditLog.record(record);
        return changed;
    }
}
