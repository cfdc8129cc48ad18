package com.devicecreds.audit;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the audit trail.
 *
 * @param chainKey   secret key of the hash chain's MAC; from configuration, never stored in the database
 * @param anchorFile where anchors (the chain head at a moment, signed) are appended, outside the database
 * @param anchorInterval how often an anchor is written
 * @param retention  how long rows are kept before the purge may delete them; at least two years
 */
@ConfigurationProperties(prefix = "audit")
public record AuditProperties(String chainKey, Path anchorFile, @DefaultValue("10m") Duration anchorInterval,
        @DefaultValue("730d") Duration retention) {

    public static final Duration MINIMUM_RETENTION = Duration.ofDays(730);

    public AuditProperties {
        if (chainKey == null || chainKey.length() < 16) {
            throw new IllegalArgumentException(
                    "audit.chain-key must be set to a secret of at least 16 characters (AUDIT_CHAIN_KEY in production)");
        }
        if (anchorFile == null) {
            throw new IllegalArgumentException(
                    "audit.anchor-file must name a file outside the database for the audit anchors (AUDIT_ANCHOR_FILE in production)");
        }
        if (anchorInterval.isNegative() || anchorInterval.isZero()) {
            throw new IllegalArgumentException("audit.anchor-interval must be positive, was " + anchorInterval);
        }
        if (retention.compareTo(MINIMUM_RETENTION) < 0) {
            throw new IllegalArgumentException("audit.retention must be at least 730d (two years), was " + retention);
        }
    }
}
