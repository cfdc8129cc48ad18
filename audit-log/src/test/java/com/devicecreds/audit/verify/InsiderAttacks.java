package com.devicecreds.audit.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.UnaryOperator;

import com.devicecreds.audit.AuditRow;
import com.devicecreds.audit.internal.AuditChain;
import com.devicecreds.audit.internal.CanonicalForm;
import com.devicecreds.audit.keys.AuditSigner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an insider does to the audit trail: as the database superuser with the protection triggers off
 * ({@code session_replication_role = replica}), as the portal host's operating-system user on the anchor
 * file, and with one key but not the other.
 */
final class InsiderAttacks {

    private final JdbcClient jdbc;
    private final PlatformTransactionManager transactions;
    private final Path anchorFile;

    InsiderAttacks(JdbcClient jdbc, PlatformTransactionManager transactions, Path anchorFile) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.anchorFile = anchorFile;
    }

    /** Runs SQL as the superuser with every trigger switched off, and commits it. */
    void asSuperuser(String... statements) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.sql("set local session_replication_role = replica").update();
            for (String sql : statements) {
                jdbc.sql(sql).update();
            }
        });
    }

    void insertRow(long k) {
        asSuperuser("update audit_event set seq = -(seq + 1) where seq >= " + k,
                "update audit_event set seq = -seq where seq < 0",
                """
                insert into audit_event (seq, occurred_at, actor, actor_roles, action, target, outcome, details,
                                         prev_hash, row_hash, key_id)
                select %d, occurred_at, 'intruder', 'ADMIN', 'LOGIN', 'intruder', 'success', '{}', row_hash,
                       sha256(row_hash), key_id
                from audit_event where seq = %d""".formatted(k, k - 1),
                "update audit_chain_head set seq = seq + 1");
    }

    void swapRows(long k, long other) {
        asSuperuser("update audit_event set seq = -1 where seq = " + k,
                "update audit_event set seq = " + k + " where seq = " + other,
                "update audit_event set seq = " + other + " where seq = -1");
    }

    /** Deletes rows 1 to {@code last} and moves the chain's base onto the last of them. */
    void moveBasePast(long last) {
        asSuperuser("update audit_chain_base set seq = %d, hash = (select row_hash from audit_event where seq = %d)"
                .formatted(last, last), "delete from audit_event where seq <= " + last);
    }

    /** Deletes the rows after {@code keep} and sets the head back onto it, so the database agrees with itself. */
    void cutTail(long keep) {
        asSuperuser("delete from audit_event where seq > " + keep,
                "update audit_chain_head set seq = %d, hash = (select row_hash from audit_event where seq = %d)"
                        .formatted(keep, keep));
    }

    /** Changes row k and recomputes every hash from there with the chain key, as its holder can. */
    void rewriteChainFrom(long k, AuditChain chain) {
        List<AuditRow> rows = jdbc.sql("""
                        select seq, occurred_at, actor, actor_roles, operator_code, action, target, outcome, details,
                               prev_hash, row_hash, key_id
                        from audit_event where seq >= ? order by seq""").param(k)
                .query((rs, n) -> AuditRow.read(rs)).list();
        byte[] previous = rows.getFirst().prevHash();
        var statements = new ArrayList<String>();
        for (AuditRow row : rows) {
            String target = row.seq() == k ? row.target() + " (rewritten)" : row.target();
            var rewritten = new AuditRow(row.seq(), row.occurredAt(), row.actor(), row.actorRoles(), row.operatorCode(),
                    row.action(), target, row.outcome(), row.details(), previous, null, row.keyId());
            previous = chain.hashOf(rewritten);
            statements.add("update audit_event set target = '%s', prev_hash = '\\x%s', row_hash = '\\x%s' where seq = %d"
                    .formatted(target.replace("'", "''"), hex(rewritten.prevHash()), hex(previous), row.seq()));
        }
        statements.add("update audit_chain_head set hash = '\\x%s'".formatted(hex(previous)));
        asSuperuser(statements.toArray(String[]::new));
    }

    /** Appends a purge record of rows 1 to {@code last}, claiming they are three years old, signed by {@code signer}. */
    void recordFakePurge(long last, AuditSigner signer) {
        var fields = new LinkedHashMap<String, String>();
        fields.put("type", "purge");
        fields.put("from_seq", "1");
        fields.put("to_seq", Long.toString(last));
        fields.put("to_hash", jdbc.sql("select encode(hash, 'hex') from audit_chain_base").query(String.class).single());
        fields.put("newest_at", Instant.now().minus(Duration.ofDays(1100)).toString());
        fields.put("at", Instant.now().toString());
        appendToAnchorFile(signer.signedLine(fields));
    }

    /** Changes each line of the anchor file as given. */
    void editAnchorLines(UnaryOperator<String> edit) {
        try {
            var before = Files.readAllLines(anchorFile);
            var lines = before.stream().map(edit).toList();
            if (lines.equals(before)) {
                throw new IllegalStateException("the edit left the anchor file as it was: the case would test nothing");
            }
            Files.write(anchorFile, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The line signed anew with another key; with {@code keepKeyId}, still naming the real key. */
    static String resign(String line, AuditSigner other, String keepKeyId) {
        var fields = new LinkedHashMap<>(CanonicalForm.parse(line).orElseThrow());
        fields.remove(AuditSigner.KEY_ID);
        fields.remove(AuditSigner.SIGNATURE);
        String signed = other.signedLine(fields);
        return keepKeyId == null ? signed : signed.replace("\"kid\":\"" + other.keyId() + "\"", "\"kid\":\"" + keepKeyId + "\"");
    }

    /** The line with the first character of its hash changed to another hex digit (never to the same one). */
    static String withHashAltered(String line) {
        var m = java.util.regex.Pattern.compile("\"hash\":\"(.)").matcher(line);
        if (!m.find()) {
            throw new IllegalArgumentException("no hash in " + line);
        }
        String other = m.group(1).equals("f") ? "0" : "f";
        return line.substring(0, m.start(1)) + other + line.substring(m.end(1));
    }

    static boolean isWitnessOf(String line, long seq) {
        return line.contains("\"type\":\"row\"") && line.contains("\"seq\":\"" + seq + "\"");
    }

    private void appendToAnchorFile(String line) {
        try {
            Files.writeString(anchorFile, line + "\n", java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
