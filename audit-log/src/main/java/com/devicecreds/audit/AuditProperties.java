package com.devicecreds.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the audit trail (decisions 013 and 024).
 *
 * @param chainKey           secret key of the hash chain's MAC; from configuration, never stored in the database
 * @param chainKeyId         the id that new rows name for {@code chainKey} (kept in each row's {@code key_id})
 * @param previousChainKeys  earlier chain keys by id, kept so that rows hashed before a rotation still verify
 * @param signingKey         file with the Ed25519 private key (and its public key) that signs anchors, purge
 *                           records and exports; not the chain key, so its holder alone can vouch for them
 * @param generateSigningKey make a key pair in {@code signingKey} when the file is missing (local runs only)
 * @param publicKeys         PEM files with earlier public signing keys, so older anchors and exports verify
 * @param anchorFile         where anchors, the witness line of every row and purge records are appended,
 *                           outside the database
 * @param anchorInterval     how often the chain head is anchored
 * @param retention          how long rows are kept before the purge may delete them; at least two years
 * @param syslogHost         a log host that receives a copy of every anchor file line (RFC 5424 over TCP), or none
 * @param syslogPort         its TCP port; 0 forwards nothing
 */
@ConfigurationProperties(prefix = "audit")
public record AuditProperties(String chainKey, @DefaultValue("1") String chainKeyId,
        Map<String, String> previousChainKeys, Path signingKey, boolean generateSigningKey, List<Path> publicKeys,
        Path anchorFile, @DefaultValue("10m") Duration anchorInterval, @DefaultValue("730d") Duration retention,
        String syslogHost, @DefaultValue("0") int syslogPort) {

    public static final Duration MINIMUM_RETENTION = Duration.ofDays(730);

    /** The chain key of local runs, published in application.properties: the prod profile refuses it. */
    public static final String DEVELOPMENT_CHAIN_KEY = "local-development-audit-chain-key";

    public AuditProperties {
        if (chainKey == null || chainKey.length() < 16) {
            throw new IllegalArgumentException(
                    "audit.chain-key must be set to a secret of at least 16 characters (AUDIT_CHAIN_KEY in production)");
        }
        previousChainKeys = previousChainKeys == null ? Map.of() : Map.copyOf(previousChainKeys);
        if (previousChainKeys.containsKey(chainKeyId) && !previousChainKeys.get(chainKeyId).equals(chainKey)) {
            throw new IllegalArgumentException("audit.previous-chain-keys holds another key under the current id "
                    + chainKeyId + " (audit.chain-key-id): a rotated key needs a new id");
        }
        publicKeys = publicKeys == null ? List.of()
                : publicKeys.stream().filter(p -> !p.toString().isBlank()).toList();
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

    /** Every chain key by id: the earlier ones and the current one. */
    public Map<String, String> chainKeyring() {
        var ring = new java.util.HashMap<>(previousChainKeys);
        ring.put(chainKeyId, chainKey);
        return ring;
    }

    /**
     * How old a row may be before the verifier expects an anchor to cover it: every row is witnessed as
     * it is written, and the chain head anchored each interval; twice the interval leaves room for a
     * restart (decision 024).
     */
    public Duration unanchoredGrace() {
        return anchorInterval.multipliedBy(2);
    }
}
