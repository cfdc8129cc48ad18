package com.devicecreds.reporting.lineage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.Roles;
import com.devicecreds.reporting.devices.DeviceIdKinds;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Credential lineage for PKI operations, auditors and administrators: from a device (in any
 * notation of its ID) or from a credential ID back to the batch, the facility and signer, the people
 * who loaded and approved it, and forward to its deliveries. Reads only; every path uses an index
 * (events by device, credentials by id and by device, batches and decisions by id).
 */
@Service
@Transactional(readOnly = true)
public class LineageService {

    /** At most this many credentials per answer: a device holds one per type, an ID names one per type. */
    static final int MAX_CREDENTIALS = 20;

    private static final String SELECT = """
            select c.id, c.credential_ref, c.state, c.prebound_device_id, c.bound_device_id, c.bound_at, t.code, t.name,
                   b.id as batch_id, b.batch_ref, b.state as batch_state, b.record_count, b.producing_facility,
                   b.submitted_by, b.submitted_at, b.approved_at, b.activated_at, b.manifest_sha256,
                   p.signer_subject, p.signer_fingerprint, p.file_name
            from credential c
            join credential_type t on t.id = c.credential_type_id
            join credential_batch b on b.id = c.batch_id
            left join credential_batch_package p on p.batch_id = b.id
            """;

    private final JdbcClient jdbc;
    private final DeviceIdKinds kinds;

    LineageService(JdbcClient jdbc, DeviceIdKinds kinds) {
        this.jdbc = jdbc;
        this.kinds = kinds;
    }

    /**
     * The credentials a device holds or was handed: bound or pre-bound to it, or in one of its
     * delivery events.
     *
     * @throws com.devicecreds.reporting.devices.DeviceIdNotation.InvalidDeviceIdException when the input is no device ID
     */
    @RolesAllowed({Roles.PKI_OPS, Roles.AUDITOR, Roles.ADMIN})
    public List<CredentialLineage> ofDevice(String deviceId) {
        List<String> ids = kinds.normalized(deviceId);
        var credentials = new LinkedHashSet<Long>(jdbc.sql("""
                        select distinct credential_id from provisioning_event
                        where device_id = any(:ids) and credential_id is not null limit :max""")
                .param("ids", ids.toArray(String[]::new)).param("max", MAX_CREDENTIALS).query(Long.class).list());
        credentials.addAll(jdbc.sql("""
                        select c.id from credential c join credential_type t on t.id = c.credential_type_id
                        where c.bound_device_id = any(:ids) or c.prebound_device_id = any(:ids) limit :max""")
                .param("ids", ids.toArray(String[]::new)).param("max", MAX_CREDENTIALS).query(Long.class).list());
        return lineages(credentials.stream().limit(MAX_CREDENTIALS).toList());
    }

    /** The credentials with this ID, in every type that has one. */
    @RolesAllowed({Roles.PKI_OPS, Roles.AUDITOR, Roles.ADMIN})
    public List<CredentialLineage> ofCredential(String credentialRef) {
        String ref = credentialRef == null ? "" : credentialRef.strip();
        if (ref.isEmpty() || ref.length() > 200) {
            return List.of();
        }
        return lineages(jdbc.sql("select id from credential where credential_ref = ? order by id limit ?")
                .params(ref, MAX_CREDENTIALS).query(Long.class).list());
    }

    private List<CredentialLineage> lineages(List<Long> credentialIds) {
        if (credentialIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " where c.id = any(:ids) order by t.name, c.id")
                .param("ids", credentialIds.toArray(Long[]::new))
                .query((rs, n) -> lineage(rs)).list();
    }

    private CredentialLineage lineage(ResultSet rs) throws SQLException {
        long batchId = rs.getLong("batch_id");
        byte[] manifest = rs.getBytes("manifest_sha256");
        var origin = new CredentialLineage.Origin(rs.getString("batch_ref"), rs.getString("batch_state"),
                rs.getLong("record_count"), rs.getString("producing_facility"),
                Optional.ofNullable(rs.getString("signer_subject")), Optional.ofNullable(rs.getString("signer_fingerprint")),
                Optional.ofNullable(rs.getString("file_name")),
                Optional.ofNullable(manifest).map(HexFormat.of()::formatHex), rs.getString("submitted_by"),
                instant(rs, "submitted_at").orElseThrow(), instant(rs, "approved_at"), instant(rs, "activated_at"));
        long credentialId = rs.getLong("id");
        Optional<String> bound = Optional.ofNullable(rs.getString("bound_device_id"));
        Optional<String> prebound = Optional.ofNullable(rs.getString("prebound_device_id"));
        return new CredentialLineage(credentialId, rs.getString("credential_ref"), rs.getString("code"), rs.getString("name"),
                rs.getString("state"), prebound, bound, instant(rs, "bound_at"), origin, decisions(batchId),
                deliveries(credentialId, bound.or(() -> prebound)));
    }

    private List<CredentialLineage.Decision> decisions(long batchId) {
        return jdbc.sql("""
                        select decided_by, decision, decided_at, reason, voided_at from batch_decision
                        where batch_id = ? order by decided_at, id""")
                .param(batchId)
                .query((rs, n) -> new CredentialLineage.Decision(rs.getString("decided_by"), rs.getString("decision"),
                        instant(rs, "decided_at").orElseThrow(), Optional.ofNullable(rs.getString("reason")),
                        instant(rs, "voided_at")))
                .list();
    }

    /** The first deliveries, oldest first; found through the device's events (the index on device ID), then by credential. */
    private List<CredentialLineage.Delivery> deliveries(long credentialId, Optional<String> device) {
        if (device.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select e.occurred_at, e.device_id, o.code, e.server_node, e.outcome
                        from provisioning_event e join operator o on o.id = e.operator_id
                        where e.device_id = ? and e.credential_id = ? order by e.occurred_at limit 100""")
                .params(device.get(), credentialId)
                .query((rs, n) -> new CredentialLineage.Delivery(instant(rs, "occurred_at").orElseThrow(),
                        rs.getString("device_id"), rs.getString("code"), rs.getString("server_node"), rs.getString("outcome")))
                .list();
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return Optional.ofNullable(value).map(Timestamp::toInstant);
    }
}
