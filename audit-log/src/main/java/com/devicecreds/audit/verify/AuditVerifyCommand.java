package com.devicecreds.audit.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Properties;

import com.devicecreds.audit.internal.AuditChain;

/**
 * Verifies the audit trail from the command line, without the portal running: the chain in the
 * database and, when given, the anchors kept outside it; or, offline, an export of signed JSON lines. The key comes from AUDIT_CHAIN_KEY and the
 * password from DATABASE_PASSWORD, never from the command line. Exit status: 0 intact, 2 tampering
 * found, 1 could not verify. The README shows how to run it.
 */
public final class AuditVerifyCommand {

    private AuditVerifyCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv("AUDIT_CHAIN_KEY"), System.getenv("DATABASE_PASSWORD")));
    }

    static int run(String[] args, String key, String password) {
        String url = null;
        String user = null;
        Path anchorFile = null;
        Path export = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--user" -> user = args[i + 1];
                case "--anchors" -> anchorFile = Path.of(args[i + 1]);
                case "--export" -> export = Path.of(args[i + 1]);
                default -> {
                    return usage("Unknown option " + args[i]);
                }
            }
        }
        if ((url == null) == (export == null) || args.length % 2 != 0) {
            return usage("Give either --url (the trail in the database) or --export (an exported file); every option takes a value");
        }
        if (key == null || key.length() < 16) {
            return usage("AUDIT_CHAIN_KEY must hold the chain key (at least 16 characters)");
        }
        var chain = new AuditChain(key);
        if (export != null) {
            return verifyExport(chain, export);
        }
        var anchors = anchorFile == null ? new AnchorFile.Read(List.of(), List.of())
                : new AnchorFile(anchorFile, chain).read();
        var properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            connection.setReadOnly(true);
            var report = new ChainVerifier(chain).verify(connection, anchors.anchors(), anchors.warnings());
            report.warnings().forEach(w -> System.out.println("warning: " + w));
            System.out.println(report.message());
            System.out.printf("rows checked: %,d (from %d to %d), anchors used: %d, took %d ms%n", report.rowsChecked(),
                    report.firstSeq(), report.lastSeq(), report.anchorsUsed(), report.took().toMillis());
            return report.intact() ? 0 : 2;
        } catch (Exception e) {
            System.err.println("Could not verify the audit trail: " + e.getMessage());
            return 1;
        }
    }

    private static int verifyExport(AuditChain chain, Path export) {
        try (var reader = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            var result = new ExportVerifier(chain).verify(reader);
            System.out.println(result.message());
            return result.intact() ? 0 : 2;
        } catch (IOException | UncheckedIOException e) {
            System.err.println("Could not read the export " + export + ": " + e.getMessage());
            return 1;
        }
    }

    private static int usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: AuditVerifyCommand --url jdbc:postgresql://host:port/db [--user name] [--anchors file]");
        System.err.println("       AuditVerifyCommand --export audit-export.jsonl");
        System.err.println("       with AUDIT_CHAIN_KEY (and DATABASE_PASSWORD) in the environment");
        return 1;
    }
}
