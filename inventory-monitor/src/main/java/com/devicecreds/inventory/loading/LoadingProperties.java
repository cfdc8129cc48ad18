package com.devicecreds.inventory.loading;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of credential loading (prefix {@code loading}).
 *
 * @param upload   the limits a credential package must keep before anything in it is read
 * @param approval the time limits of dual control (docs/decisions/014-dual-control.md)
 */
@ConfigurationProperties("loading")
public record LoadingProperties(@DefaultValue Upload upload, @DefaultValue Approval approval) {

    /**
     * @param requestValidity     how long a staged batch waits for its approvals before it expires
     * @param activationValidity  how long an approved batch may wait for its activation before it expires
     * @param reminderAfter       a request waiting this long is e-mailed to PKI operations once
     * @param reauthenticationMaxAge how recently an approver must have proved their identity to decide
     * @param activationInterval  how often the activation and expiry job looks for work
     */
    public record Approval(@DefaultValue("72h") Duration requestValidity, @DefaultValue("24h") Duration activationValidity,
            @DefaultValue("24h") Duration reminderAfter, @DefaultValue("5m") Duration reauthenticationMaxAge,
            @DefaultValue("30s") Duration activationInterval) {
    }

    /**
     * @param maxPackageSize   largest package accepted, as uploaded (compressed)
     * @param maxEntries       most entries an archive may hold (a valid package has four)
     * @param maxInflateRatio  most an entry may inflate relative to its compressed size (past 1 MiB)
     * @param maxInflatedSize  most all entries together may inflate to
     */
    public record Upload(@DefaultValue("512MB") DataSize maxPackageSize, @DefaultValue("16") int maxEntries,
            @DefaultValue("100") int maxInflateRatio, @DefaultValue("2GB") DataSize maxInflatedSize) {
    }
}
