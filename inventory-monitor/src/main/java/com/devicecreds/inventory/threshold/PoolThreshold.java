package com.devicecreds.inventory.threshold;

import java.time.Duration;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A pool's own thresholds (table pool_threshold); pools without a row use {@link Thresholds#DEFAULTS}. */
@Entity
@Table(name = "pool_threshold")
class PoolThreshold {

    @Id
    @Column(name = "credential_type_id")
    private Integer credentialTypeId;
    private Integer warningAvailable;
    private Integer warningPercent;
    private Integer warningRunwayDays;
    private Integer criticalAvailable;
    private Integer criticalPercent;
    private Integer criticalRunwayDays;
    private int leadTimeDays;
    private int recoveryMarginPercent;
    private int pendingPeriodSeconds;
    private String updatedBy;
    private Instant updatedAt;
    @Version
    private long version;

    protected PoolThreshold() {
    }

    PoolThreshold(int credentialTypeId) {
        this.credentialTypeId = credentialTypeId;
    }

    int credentialTypeId() {
        return credentialTypeId;
    }

    Thresholds thresholds() {
        return new Thresholds(Limit.of(warningAvailable, warningPercent, warningRunwayDays),
                Limit.of(criticalAvailable, criticalPercent, criticalRunwayDays),
                leadTimeDays, recoveryMarginPercent, Duration.ofSeconds(pendingPeriodSeconds));
    }

    void change(Thresholds t, String by, Instant at) {
        warningAvailable = Limit.nullable(t.warning().available());
        warningPercent = Limit.nullable(t.warning().percentOfLoaded());
        warningRunwayDays = Limit.nullable(t.warning().runwayDays());
        criticalAvailable = Limit.nullable(t.critical().available());
        criticalPercent = Limit.nullable(t.critical().percentOfLoaded());
        criticalRunwayDays = Limit.nullable(t.critical().runwayDays());
        leadTimeDays = t.leadTimeDays();
        recoveryMarginPercent = t.recoveryMarginPercent();
        pendingPeriodSeconds = Math.toIntExact(t.pendingPeriod().toSeconds());
        updatedBy = by;
        updatedAt = at;
    }
}
