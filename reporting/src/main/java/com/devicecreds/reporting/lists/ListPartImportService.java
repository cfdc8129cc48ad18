package com.devicecreds.reporting.lists;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditRecord;
import com.devicecreds.reporting.missing.MissingIds;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports an operator's next authorized list part and reconciles the missing IDs it lists. The file
 * is parsed completely before anything is written: one bad row refuses the whole part, so nothing is
 * ever half imported. Only PKI operations and administrators import: a list authorizes devices to
 * receive credentials, so it enters through the PKI center even though the operator writes it
 * (decision 015).
 */
@Service
public class ListPartImportService {

    private final JdbcClient jdbc;
    private final MissingIds missing;
    private final CurrentActor currentActor;
    private final AuditLog auditLog;
    private final ListPartLimits limits;

    ListPartImportService(JdbcClient jdbc, MissingIds missing, CurrentActor currentActor, AuditLog auditLog) {
        this.jdbc = jdbc;
        this.missing = missing;
        this.currentActor = currentActor;
        this.auditLog = auditLog;
        this.limits = ListPartLimits.DEFAULT;
    }

    @Transactional
    @RolesAllowed({Roles.PKI_OPS, Roles.ADMIN})
    public ListPartImport importPart(OperatorRef operator, int credentialTypeId, String fileName, InputStream content) {
        var record = AuditRecord.of(currentActor.actor(), AuditAction.AUTHORIZED_LIST_PART_IMPORTED, AuditOutcome.SUCCESS,
                        operator.code() + "/" + credentialTypeId)
                .withDetail("file", fileName);
        var result = attempt(operator, credentialTypeId, fileName, content);
        switch (result) {
            case ListPartImport.Imported i -> auditLog.record(record.withDetail("part", i.partNumber())
                    .withDetail("rows", i.rows()).withDetail("newlyListed", i.newlyListed())
                    .withDetail("resolved", i.resolved()));
            case ListPartImport.Refused r -> auditLog.record(new AuditRecord(record.actor(), record.action(),
                    AuditOutcome.FAILED, record.target(), record.details()).withDetail("problem", r.message()));
        }
        return result;
    }

    private ListPartImport attempt(OperatorRef operator, int typeId, String fileName, InputStream content) {
        var kind = jdbc.sql("""
                        select k.pattern, k.name,
                               (select a.revoked_at from type_authorization a
                                where a.credential_type_id = t.id and a.operator_id = :operator) as revoked_at
                        from credential_type t join device_id_kind k on k.code = t.device_id_kind
                        where t.id = :type and (t.owner_operator_id = :operator or exists (
                              select 1 from type_authorization a where a.credential_type_id = t.id and a.operator_id = :operator))""")
                .param("type", typeId).param("operator", operator.id())
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant().toString().substring(0, 10)})
                .optional();
        if (kind.isEmpty()) {
            return new ListPartImport.Refused("Operator " + operator.code() + " does not use that credential type.",
                    java.util.List.of(), 0);
        }
        if (kind.get()[2] != null) {
            // A revoked operator's devices are refused whatever its list says (decision 022).
            return new ListPartImport.Refused("Operator " + operator.code() + "'s authorization for that credential type was "
                    + "revoked on " + kind.get()[2] + ": no list part is imported until it is authorized again.",
                    java.util.List.of(), 0);
        }
        ParsedPart parsed;
        Path file = null;
        try {
            file = Files.createTempFile("list-part-", ".upload");
            copyLimited(content, file);
            parsed = ListPartParser.parse(fileName, file, Pattern.compile(kind.get()[0]), kind.get()[1], limits);
        } catch (ListFileRefusedException e) {
            return new ListPartImport.Refused(e.getMessage(), java.util.List.of(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(file);
        }
        if (parsed.problemCount() > 0) {
            return new ListPartImport.Refused(parsed.problemCount() + " of " + parsed.rows() + " rows are no "
                    + kind.get()[1] + "; nothing was imported. Correct them and import the part again.",
                    parsed.problems(), parsed.problemCount());
        }
        if (parsed.deviceIds().isEmpty()) {
            return new ListPartImport.Refused("The file lists no device IDs.", java.util.List.of(), 0);
        }
        return write(operator, typeId, fileName, parsed);
    }

    private ListPartImport.Imported write(OperatorRef operator, int typeId, String fileName, ParsedPart parsed) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('authorized-list-part'), :type)").param("type", typeId)
                .query((rs, n) -> 1).list();
        // Folds of missing IDs wait until this part is committed, so none of them can miss its listing (V29).
        jdbc.sql("select pg_advisory_xact_lock(hashtext('missing-ids-compact'))").query((rs, n) -> 1).list();
        int number = jdbc.sql("""
                        select coalesce(max(part_number), 0) + 1 from authorized_list_part
                        where operator_id = :operator and credential_type_id = :type""")
                .param("operator", operator.id()).param("type", typeId).query(Integer.class).single();
        long part = jdbc.sql("""
                        insert into authorized_list_part (operator_id, credential_type_id, part_number, source_name, imported_by)
                        values (:operator, :type, :number, :file, :by) returning id""")
                .param("operator", operator.id()).param("type", typeId).param("number", number)
                .param("file", fileName).param("by", currentActor.actor().username())
                .query(Long.class).single();
        int added = jdbc.sql("""
                        insert into authorized_device (operator_id, credential_type_id, device_id, part_id)
                        select :operator, :type, id, :part from unnest(string_to_array(:ids, E'\\n')) as id
                        on conflict do nothing""")
                .param("operator", operator.id()).param("type", typeId).param("part", part)
                .param("ids", String.join("\n", parsed.deviceIds()))
                .update();
        jdbc.sql("update authorized_list_part set entry_count = :n where id = :part").param("n", added).param("part", part)
                .update();
        missing.compact();
        int resolved = jdbc.sql("""
                        update missing_device_id m set status = 'resolved', resolved_by_part = :part, resolved_at = now()
                        from authorized_device a
                        where a.part_id = :part and m.operator_id = a.operator_id and m.credential_type_id = a.credential_type_id
                          and m.device_id = a.device_id and m.status <> 'resolved'""")
                .param("part", part).update();
        return new ListPartImport.Imported(number, parsed.rows(), added, parsed.deviceIds().size() - added,
                parsed.duplicates(), resolved);
    }

    private void copyLimited(InputStream in, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > limits.maxBytes()) {
                    throw ListPartParser.tooLarge(limits);
                }
                out.write(buffer, 0, n);
            }
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file; the system's temp cleaning removes it
            }
        }
    }
}
