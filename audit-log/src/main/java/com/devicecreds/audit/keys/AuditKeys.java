package com.devicecreds.audit.keys;

import java.nio.file.Files;
import java.nio.file.Path;

import com.devicecreds.audit.AuditProperties;
import com.devicecreds.audit.internal.AuditChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail's two kinds of key (docs/decisions/024-insider-threat-model.md): the chain's HMAC
 * key ring, which makes and checks row hashes, and the Ed25519 signing key with the ring of public keys,
 * which sign and check anchors, purge records and exports.
 */
public record AuditKeys(AuditChain chain, AuditSigner signer, PublicKeyring publicKeys) {

    private static final Logger log = LoggerFactory.getLogger(AuditKeys.class);

    public static AuditKeys from(AuditProperties properties) {
        var chain = new AuditChain(properties.chainKeyId(), properties.chainKeyring());
        Path file = properties.signingKey();
        if (file == null || file.toString().isBlank()) {
            throw new IllegalStateException("audit.signing-key must name the file of the Ed25519 key that signs audit "
                    + "anchors and exports (AUDIT_SIGNING_KEY in production); see the README");
        }
        AuditSigner signer;
        if (Files.exists(file)) {
            signer = AuditSigner.read(file);
        } else if (properties.generateSigningKey()) {
            signer = AuditSigner.generate(file);
            log.warn("Generated a local audit signing key {} (public key {}, id {}): for local runs only", file,
                    AuditSigner.publicFile(file), signer.keyId());
        } else {
            throw new IllegalStateException("No audit signing key at " + file + " (audit.signing-key, AUDIT_SIGNING_KEY): "
                    + "the file must hold an Ed25519 private key and its public key; see the README");
        }
        return new AuditKeys(chain, signer, PublicKeyring.read(properties.publicKeys()).with(signer.publicKey()));
    }
}
