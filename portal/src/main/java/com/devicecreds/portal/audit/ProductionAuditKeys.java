package com.devicecreds.portal.audit;

import com.devicecreds.audit.AuditProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The prod profile refuses the audit keys of local runs (docs/decisions/024-insider-threat-model.md): the
 * published development chain key, with which anyone can recompute the chain, and a signing key made on
 * the spot, which would vouch for nothing. A missing signing key already stops the start (AuditKeys).
 */
@Configuration(proxyBeanMethods = false)
@Profile("prod")
class ProductionAuditKeys {

    ProductionAuditKeys(AuditProperties audit) {
        if (AuditProperties.DEVELOPMENT_CHAIN_KEY.equals(audit.chainKey())) {
            throw new IllegalStateException("The prod profile refuses the published development audit chain key: "
                    + "set AUDIT_CHAIN_KEY to a secret of your own (and AUDIT_CHAIN_KEY_ID to its id)");
        }
        if (audit.previousChainKeys().containsValue(AuditProperties.DEVELOPMENT_CHAIN_KEY)) {
            throw new IllegalStateException("The prod profile refuses the published development audit chain key "
                    + "among audit.previous-chain-keys");
        }
        if (audit.generateSigningKey()) {
            throw new IllegalStateException("The prod profile does not make an audit signing key: set "
                    + "audit.generate-signing-key=false and AUDIT_SIGNING_KEY to the file of your Ed25519 key");
        }
    }
}
