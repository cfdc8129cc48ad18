package com.devicecreds.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the audit trail.
 *
 * @param chainKey secret key of the hash chain's MAC; from configuration, never stored in the database
 */
@ConfigurationProperties(prefix = "audit")
public record AuditProperties(String chainKey) {

    public AuditProperties {
        if (chainKey == null || chainKey.length() < 16) {
            throw new IllegalArgumentException(
                    "audit.chain-key must be set to a secret of at least 16 characters (AUDIT_CHAIN_KEY in production)");
        }
    }
}
