package com.devicecreds.audit.trail;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditRecord;
import com.devicecreds.audit.AuditRow;
import com.devicecreds.audit.internal.AuditChain;
import com.devicecreds.audit.internal.CanonicalForm;
import com.devicecreds.audit.keys.AuditKeys;
import com.devicecreds.audit.keys.AuditSigner;
import com.devicecreds.audit.verify.ExportVerifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit trail for auditors: search newest first, page by page, and export what a search finds
 * as signed JSON lines that the verifier checks offline (docs/audit-export-format.md).
 */
@Service
@Transactional(readOnly = true)
public class AuditTrail {

    private final JdbcClient jdbc;
    private final AuditSigner signer;
    private final AuditLog auditLog;
    private final CurrentActor currentActor;
    private final Clock clock;

    AuditTrail(JdbcClient jdbc, AuditKeys keys, AuditLog auditLog, CurrentActor currentActor, Clock clock) {
        this.jdbc = jdbc;
        this.signer = keys.signer();
        this.auditLog = auditLog;
        this.currentActor = currentActor;
        this.clock = clock;
    }

    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    public List<AuditRow> search(AuditQuery query, int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > 1_000) {
            throw new IllegalArgumentException("offset must be >= 0 and limit between 1 and 1000");
        }
        return where(jdbc.sql(SELECT + condition(query) + " order by seq desc limit :limit offset :offset"), query)
                .param("limit", limit).param("offset", offset)
                .query((rs, n) -> AuditRow.read(rs)).list();
    }

    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    public long count(AuditQuery query) {
        return where(jdbc.sql("select count(*) from audit_event" + condition(query)), query).query(Long.class).single();
    }

    /**
     * Writes every row the query finds, oldest first, one line each, and a trailer with the number of
     * rows and the SHA-256 of the lines before it, signed with the audit signing key; records the export.
     * Returns the rows written.
     */
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    public long exportSignedJsonLines(AuditQuery query, OutputStream out) {
        MessageDigest digest = sha256();
        long[] rows = {0};
        var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        where(jdbc.sql(SELECT + condition(query) + " order by seq"), query).query(rs -> {
            write(writer, digest, CanonicalForm.json(exportFields(AuditRow.read(rs))));
            rows[0]++;
        });
        var trailer = new LinkedHashMap<String, String>();
        trailer.put("format", ExportVerifier.FORMAT);
        trailer.put("rows", Long.toString(rows[0]));
        trailer.put("lines_sha256", HexFormat.of().formatHex(digest.digest()));
        trailer.put("query", query.describe());
        trailer.put("exported_by", currentActor.actor().username());
        trailer.put("exported_at", clock.instant().toString());
        write(writer, null, signer.signedLine(trailer));
        try {
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the audit export", e);
        }
        auditLog.record(AuditRecord.of(currentActor.actor(), AuditAction.AUDIT_EXPORTED, AuditOutcome.SUCCESS, "audit trail")
                .withDetail("format", "signed JSON lines")
                .withDetail("rows", rows[0])
                .withDetail("query", query.describe()));
        return rows[0];
    }

    /** A row as an export line: its canonical fields, and the hash the trail holds for it. */
    static Map<String, String> exportFields(AuditRow row) {
        var fields = new LinkedHashMap<>(AuditChain.fieldsOf(row));
        fields.put("row_hash", HexFormat.of().formatHex(row.rowHash()));
        return fields;
    }

    private static final String SELECT = """
            select seq, occurred_at, actor, actor_roles, operator_code, action, target, outcome, details,
                   prev_hash, row_hash, key_id
            from audit_event""";

    private static String condition(AuditQuery query) {
        var sql = new StringBuilder(" where true");
        query.actor().ifPresent(a -> sql.append(" and lower(actor) like :actor escape '\\'"));
        query.action().ifPresent(a -> sql.append(" and action = :action"));
        query.target().ifPresent(t -> sql.append(" and lower(target) like :target escape '\\'"));
        query.operator().ifPresent(o -> sql.append(" and lower(operator_code) like :operator escape '\\'"));
        query.outcome().ifPresent(o -> sql.append(" and outcome = :outcome"));
        query.from().ifPresent(f -> sql.append(" and occurred_at >= :from"));
        query.to().ifPresent(t -> sql.append(" and occurred_at < :to"));
        return sql.toString();
    }

    private static JdbcClient.StatementSpec where(JdbcClient.StatementSpec statement, AuditQuery query) {
        var spec = statement;
        if (query.actor().isPresent()) {
            spec = spec.param("actor", likePrefix(query.actor().get()));
        }
        if (query.action().isPresent()) {
            spec = spec.param("action", query.action().get().name());
        }
        if (query.target().isPresent()) {
            spec = spec.param("target", "%" + likePrefix(query.target().get()));
        }
        if (query.operator().isPresent()) {
            spec = spec.param("operator", likePrefix(query.operator().get()));
        }
        if (query.outcome().isPresent()) {
            spec = spec.param("outcome", query.outcome().get().code());
        }
        if (query.from().isPresent()) {
            spec = spec.param("from", Timestamp.from(query.from().get()));
        }
        if (query.to().isPresent()) {
            spec = spec.param("to", Timestamp.from(query.to().get()));
        }
        return spec;
    }

    /** The text, lower-cased, with LIKE's wildcards taken literally, followed by %. */
    private static String likePrefix(String text) {
        return text.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static void write(BufferedWriter writer, MessageDigest digest, String line) {
        try {
            writer.write(line);
            writer.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the audit export", e);
        }
        if (digest != null) {
            digest.update((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
