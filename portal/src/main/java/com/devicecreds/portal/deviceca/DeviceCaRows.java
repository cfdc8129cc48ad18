package com.devicecreds.portal.deviceca;

import java.security.cert.X509Certificate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.OperatorScope;
import com.devicecreds.inventory.loading.format.Pem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The SQL of device_ca, device_ca_crl and the pairs; every read takes the caller's operator scope. */
@Component
class DeviceCaRows {

    private static final String IN_SCOPE = " (cast(:operator as smallint) is null or c.operator_id = :operator) ";
    private static final String SELECT = """
            select c.*, o.code as operator_code, l.this_update, l.next_update, l.revoked_count, l.source, l.loaded_by,
                   l.loaded_at,
                   array(select a.kind from device_ca_alert a where a.device_ca_id = c.id and a.resolved_at is null
                         order by a.kind) as open_alerts
            from device_ca c join operator o on o.id = c.operator_id left join device_ca_crl l on l.device_ca_id = c.id
            """;

    private final JdbcClient jdbc;

    DeviceCaRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<CaPair> pairs(OperatorScope scope) {
        return jdbc.sql("""
                        select o.id, o.code, o.name, t.id as type_id, t.code as type_code, t.name as type_name,
                               (select count(*) from device_ca c where c.operator_id = o.id and c.credential_type_id = t.id
                                                                  and c.removed_at is null) as trusted,
                               (select count(*) from config_change_request r
                                where r.state = 'pending' and r.operator_id = o.id
                                  and r.target = 'operator/' || o.code || '/type/' || t.code || '/device-cas') as pending
                        from type_authorization a join operator o on o.id = a.operator_id
                             join credential_type t on t.id = a.credential_type_id
                        where (cast(:operator as smallint) is null or a.operator_id = :operator)
                        order by o.name, t.name""")
                .param("operator", scope.operatorIdOrNull())
                .query((rs, n) -> new CaPair(new OperatorRef(rs.getShort("id"), rs.getString("code")), rs.getString("name"),
                        rs.getInt("type_id"), rs.getString("type_code"), rs.getString("type_name"), rs.getInt("trusted"),
                        rs.getInt("pending")))
                .list();
    }

    Optional<CaPair> pair(OperatorScope scope, short operatorId, int typeId) {
        return pairs(scope).stream()
                .filter(p -> p.operator().id() == operatorId && p.credentialTypeId() == typeId).findFirst();
    }

    List<DeviceCa> trusted(OperatorScope scope, short operatorId, int typeId) {
        return jdbc.sql(SELECT + """
                         where c.operator_id = :pairOperator and c.credential_type_id = :type and c.removed_at is null and"""
                        + IN_SCOPE + " order by c.is_root desc, c.subject, c.id")
                .param("pairOperator", operatorId).param("type", typeId).param("operator", scope.operatorIdOrNull())
                .query(DeviceCaRows::row).list();
    }

    Optional<DeviceCa> find(OperatorScope scope, long id) {
        return jdbc.sql(SELECT + " where c.id = :id and c.removed_at is null and" + IN_SCOPE)
                .param("id", id).param("operator", scope.operatorIdOrNull()).query(DeviceCaRows::row).optional();
    }

    /** When the operator's authorization for the type was revoked (decision 022); empty while it is in force. */
    Optional<Instant> revokedAt(short operatorId, int typeId) {
        return jdbc.sql("select revoked_at from type_authorization where operator_id = ? and credential_type_id = ?")
                .params(operatorId, typeId).query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)))
                .optional().flatMap(at -> at).map(Timestamp::toInstant);
    }

    X509Certificate certificate(long id) {
        byte[] der = jdbc.sql("select certificate_der from device_ca where id = ?").param(id).query(byte[].class).single();
        return CaCertificates.parse(der).getFirst();
    }

    /** Fingerprints proposed for the pair by pending add requests. */
    List<String> pendingFingerprints(short operatorId, String target) {
        return jdbc.sql("""
                        select proposed ->> 'fingerprints' from config_change_request
                        where state = 'pending' and kind = 'device-ca-add' and operator_id = ? and target = ?""")
                .params(operatorId, target).query(String.class).list().stream()
                .flatMap(list -> Arrays.stream(list.split(","))).toList();
    }

    long insert(short operatorId, int typeId, X509Certificate cert, Optional<Long> parentId, String addedBy,
            String approvedBy, Instant at, long requestId) {
        var urls = CaCertificates.crlUrls(cert);
        try {
            return jdbc.sql("""
                            insert into device_ca (operator_id, credential_type_id, fingerprint_sha256, subject, issuer, serial_hex,
                                                   not_before, not_after, key_algorithm, key_size, is_root, parent_id,
                                                   certificate_der, crl_url, crl_url_source, added_by, approved_by, added_at,
                                                   change_request_id)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(operatorId, typeId, Pem.fingerprint(cert), cert.getSubjectX500Principal().getName(),
                            cert.getIssuerX500Principal().getName(), cert.getSerialNumber().toString(16),
                            Timestamp.from(cert.getNotBefore().toInstant()), Timestamp.from(cert.getNotAfter().toInstant()),
                            CaCertificates.keyAlgorithm(cert.getPublicKey()), CaCertificates.keySize(cert.getPublicKey()),
                            parentId.isEmpty(), parentId.orElse(null), cert.getEncoded(), urls.isEmpty() ? null : urls.getFirst(),
                            urls.isEmpty() ? null : "certificate", addedBy, approvedBy, Timestamp.from(at), requestId)
                    .query(Long.class).single();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    int trustedChildren(long id) {
        return jdbc.sql("select count(*) from device_ca where parent_id = ? and removed_at is null").param(id)
                .query(Integer.class).single();
    }

    boolean remove(long id, String removedBy, Instant at) {
        return jdbc.sql("update device_ca set removed_at = ?, removed_by = ? where id = ? and removed_at is null")
                .params(Timestamp.from(at), removedBy, id).update() == 1;
    }

    void setCrlUrl(long id, Optional<String> url) {
        jdbc.sql("update device_ca set crl_url = ?, crl_url_source = ? where id = ?")
                .params(url.orElse(null), url.map(u -> "manual").orElse(null), id).update();
    }

    void storeCrl(DeviceCa ca, byte[] der, CrlFacts facts) {
        jdbc.sql("""
                        insert into device_ca_crl (device_ca_id, operator_id, crl_der, this_update, next_update, revoked_count,
                                                   source, loaded_by, loaded_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (device_ca_id) do update set crl_der = excluded.crl_der, this_update = excluded.this_update,
                            next_update = excluded.next_update, revoked_count = excluded.revoked_count, source = excluded.source,
                            loaded_by = excluded.loaded_by, loaded_at = excluded.loaded_at""")
                .params(ca.id(), ca.operator().id(), der, Timestamp.from(facts.thisUpdate()),
                        facts.nextUpdate().map(Timestamp::from).orElse(null), facts.revokedCount(), facts.source(),
                        facts.loadedBy(), Timestamp.from(facts.loadedAt()))
                .update();
    }

    private static DeviceCa row(ResultSet rs, int n) throws SQLException {
        long parent = rs.getLong("parent_id");
        Optional<Long> parentId = rs.wasNull() ? Optional.empty() : Optional.of(parent);
        Optional<CrlFacts> crl = rs.getTimestamp("this_update") == null ? Optional.empty()
                : Optional.of(new CrlFacts(rs.getTimestamp("this_update").toInstant(),
                        Optional.ofNullable(rs.getTimestamp("next_update")).map(Timestamp::toInstant), rs.getInt("revoked_count"),
                        rs.getString("source"), rs.getString("loaded_by"), rs.getTimestamp("loaded_at").toInstant()));
        return new DeviceCa(rs.getLong("id"), new OperatorRef(rs.getShort("operator_id"), rs.getString("operator_code")),
                rs.getInt("credential_type_id"), rs.getString("fingerprint_sha256"), rs.getString("subject"),
                rs.getString("issuer"), rs.getString("serial_hex"), rs.getTimestamp("not_before").toInstant(),
                rs.getTimestamp("not_after").toInstant(), rs.getString("key_algorithm"), rs.getInt("key_size"),
                rs.getBoolean("is_root"), parentId, Optional.ofNullable(rs.getString("crl_url")),
                Optional.ofNullable(rs.getString("crl_url_source")), rs.getString("added_by"), rs.getString("approved_by"),
                rs.getTimestamp("added_at").toInstant(), crl, List.of((String[]) rs.getArray("open_alerts").getArray()));
    }
}
