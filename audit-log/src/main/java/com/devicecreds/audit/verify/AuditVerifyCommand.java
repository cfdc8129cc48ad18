package com.devicecreds.audit.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.devicecreds.audit.internal.AuditChain;
import com.devicecreds.audit.keys.PublicKeyring;

/**
 * Verifies the audit trail from the command line, without the portal running: the chain in the database
 * against the anchor file kept outside it, or, offline, an export. Signatures are checked with the audit
 * trail's public keys ({@code --public-key}, a PEM file of one or more keys); {@code --anchors} takes one
 * file or several, comma-separated (the portal's anchor file and a log host's copy of it, decision 024),
 * all of which must be readable. The chain key is optional
 * and comes from the environment only (AUDIT_CHAIN_KEY, AUDIT_CHAIN_KEY_ID, AUDIT_PREVIOUS_CHAIN_KEYS as
 * {@code id=key,id=key}), as does the database password (DATABASE_PASSWORD). Exit status: 0 intact,
 * 2 tampering found, 1 could not verify; it prints the same words as the Audit trail page. The README
 * shows how to run it.
 */
public final class AuditVerifyCommand {

    private AuditVerifyCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()));
    }

    static int run(String[] args, Map<String, String> env) {
        var options = new HashMap<String, String>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!List.of("--url", "--user", "--anchors", "--export", "--public-key", "--grace-minutes").contains(args[i])) {
                return usage("Unknown option " + args[i]);
            }
            options.put(args[i], args[i + 1]);
        }
        if (options.containsKey("--url") == options.containsKey("--export") || args.length % 2 != 0) {
            return usage("Give either --url (the trail in the database) or --export (an exported file); every option takes a value");
        }
        if (!options.containsKey("--public-key")) {
            return usage("--public-key must name the PEM file of the audit trail's public signing keys");
        }
        PublicKeyring publicKeys;
        AuditChain chain;
        try {
            publicKeys = PublicKeyring.read(List.of(Path.of(options.get("--public-key"))));
            chain = chain(env);
        } catch (RuntimeException e) {
            return usage("Could not read the keys: " + e.getMessage());
        }
        if (publicKeys.isEmpty()) {
            return usage(options.get("--public-key") + " holds no PUBLIC KEY");
        }
        if (options.containsKey("--export")) {
            return verifyExport(new ExportVerifier(chain, publicKeys), Path.of(options.get("--export")));
        }
        var reader = new AnchorReader(publicKeys, chain);
        var anchors = options.containsKey("--anchors")
                ? reader.read(java.util.Arrays.stream(options.get("--anchors").split(",")).map(Path::of).toList())
                : reader.read((Path) null);
        var properties = new Properties();
        if (options.containsKey("--user")) {
            properties.setProperty("user", options.get("--user"));
        }
        if (env.get("DATABASE_PASSWORD") != null) {
            properties.setProperty("password", env.get("DATABASE_PASSWORD"));
        }
        try (Connection connection = DriverManager.getConnection(options.get("--url"), properties)) {
            connection.setReadOnly(true);
            var grace = Duration.ofMinutes(Long.parseLong(options.getOrDefault("--grace-minutes",
                    Long.toString(ChainVerifier.DEFAULT_GRACE.toMinutes()))));
            var report = new ChainVerifier(chain, Clock.systemUTC(), grace).verify(connection, anchors);
            report.warnings().forEach(w -> System.out.println("warning: " + w));
            System.out.println(report.headline());
            System.out.println(report.message());
            System.out.printf("rows checked: %,d (from %d to %d), anchors used: %d, took %d ms%n", report.rowsChecked(),
                    report.firstSeq(), report.lastSeq(), report.anchorsUsed(), report.took().toMillis());
            return report.exitCode();
        } catch (Exception e) {
            System.err.println("Could not verify the audit trail: " + e.getMessage());
            return 1;
        }
    }

    /** The chain key ring from the environment, or null when no chain key is given (public key only). */
    private static AuditChain chain(Map<String, String> env) {
        String key = env.get("AUDIT_CHAIN_KEY");
        if (key == null || key.isEmpty()) {
            return null;
        }
        String id = env.getOrDefault("AUDIT_CHAIN_KEY_ID", AuditChain.DEFAULT_KEY_ID);
        var ring = new HashMap<String, String>();
        String previous = env.getOrDefault("AUDIT_PREVIOUS_CHAIN_KEYS", "");
        for (String pair : previous.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                ring.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
            }
        }
        ring.put(id, key);
        return new AuditChain(id, ring);
    }

    private static int verifyExport(ExportVerifier verifier, Path export) {
        try (var reader = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            var result = verifier.verify(reader);
            System.out.println(result.message());
            return result.exitCode();
        } catch (IOException | UncheckedIOException e) {
            System.err.println("Could not read the export " + export + ": " + e.getMessage());
            return 1;
        }
    }

    private static int usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: AuditVerifyCommand --url jdbc:postgresql://host:port/db [--user name] --anchors file[,copy]"
                + " --public-key audit-signing-key.pub [--grace-minutes 20]");
        System.err.println("       AuditVerifyCommand --export audit-export.jsonl --public-key audit-signing-key.pub");
        System.err.println("       optionally with AUDIT_CHAIN_KEY (AUDIT_CHAIN_KEY_ID, AUDIT_PREVIOUS_CHAIN_KEYS) and"
                + " DATABASE_PASSWORD in the environment");
        return 1;
    }
}
