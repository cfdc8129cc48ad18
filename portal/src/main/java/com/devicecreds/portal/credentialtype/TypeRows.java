package com.devicecreds.portal.credentialtype;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.devicecreds.access.OperatorDirectory;
import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.OperatorScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The SQL of credential types, their history and certificate templates. Every read takes the
 * caller's operator scope: operator staff see the types their operator owns or is authorized for,
 * the type-wide history and their own operator's rows (row-level security repeats it).
 */
@Component
class TypeRows {

    private static final String SELECT = """
            select t.id, t.code, t.name, t.credential_kind, t.owner_operator_id, o.code as owner_code, t.device_id_kind,
                   t.binding_mode, t.redelivery_allowed, t.id_list_required, t.key_agreement, t.encryption_mode,
                   t.approvals_required, t.version, t.created_at, t.updated_at,
                   exists (select 1 from credential_batch b where b.credential_type_id = t.id)
                       or exists (select 1 from authorized_list_part p where p.credential_type_id = t.id)
                       or exists (select 1 from rollout r where r.credential_type_id = t.id) as in_use
            from credential_type t left join operator o on o.id = t.owner_operator_id
            """;
    private static final String TYPE_IN_SCOPE = """
             (cast(:operator as smallint) is null or t.owner_operator_id = :operator
              or exists (select 1 from type_authorization a where a.credential_type_id = t.id and a.operator_id = :operator)) """;

    private final JdbcClient jdbc;
    private final OperatorDirectory operators;

    TypeRows(JdbcClient jdbc, OperatorDirectory operators) {
        this.jdbc = jdbc;
        this.operators = operators;
    }

    TypeCatalogue catalogue(OperatorScope scope) {
        var kinds = jdbc.sql("select code, name, family from credential_kind order by name")
                .query((rs, n) -> new TypeCatalogue.Kind(rs.getString(1), rs.getString(2), rs.getString(3))).list();
        var idKinds = jdbc.sql("select code, name from device_id_kind order by name")
                .query((rs, n) -> new TypeCatalogue.IdKind(rs.getString(1), rs.getString(2))).list();
        return new TypeCatalogue(kinds, idKinds, operators.visibleTo(scope));
    }

    List<TypeSummary> list(OperatorScope scope) {
        return jdbc.sql("""
                        select t.id, t.code, t.name, k.name as kind_name, o.name as owner_name, t.binding_mode, t.key_agreement,
                               t.approvals_required, t.version,
                               (select count(*) from type_authorization a where a.credential_type_id = t.id and a.revoked_at is null
                                  and (cast(:operator as smallint) is null or a.operator_id = :operator)) as authorized,
                               coalesce((select p.available from pool_count_now p where p.credential_type_id = t.id), 0) as available,
                               (select count(*) from config_change_request r
                                where r.state = 'pending' and (r.target = 'type/' || t.code or r.target like 'type/' || t.code || '/%')
                                  and (cast(:operator as smallint) is null or r.operator_id = :operator)) as pending
                        from credential_type t join credential_kind k on k.code = t.credential_kind
                             left join operator o on o.id = t.owner_operator_id
                        where""" + TYPE_IN_SCOPE + " order by t.name, t.id")
                .param("operator", scope.operatorIdOrNull())
                .query((rs, n) -> new TypeSummary(rs.getInt("id"), rs.getString("code"), rs.getString("name"),
                        rs.getString("kind_name"), Optional.ofNullable(rs.getString("owner_name")), rs.getString("binding_mode"),
                        rs.getString("key_agreement"), rs.getInt("approvals_required"), rs.getInt("authorized"),
                        rs.getLong("available"), rs.getInt("version"), rs.getInt("pending")))
                .list();
    }

    Optional<CredentialType> find(OperatorScope scope, int id, boolean lock) {
        return jdbc.sql(SELECT + " where t.id = :id and" + TYPE_IN_SCOPE + (lock ? " for update of t" : ""))
                .param("id", id).param("operator", scope.operatorIdOrNull()).query(TypeRows::type).optional();
    }

    /** Whether the scope may see the type, without reading it (the reads that hang off a type start here). */
    boolean visible(OperatorScope scope, int id) {
        return jdbc.sql("select exists (select 1 from credential_type t where t.id = :id and" + TYPE_IN_SCOPE + ")")
                .param("id", id).param("operator", scope.operatorIdOrNull()).query(Boolean.class).single();
    }

    boolean codeTaken(String code) {
        return jdbc.sql("select exists (select 1 from credential_type where code = ?)").param(code).query(Boolean.class).single();
    }

    /** A pending request that would create a type of this code. */
    boolean codeProposed(String code) {
        return jdbc.sql("""
                        select exists (select 1 from config_change_request
                                       where state = 'pending' and kind = ? and proposed ->> 'new.code' = ?)""")
                .params(CredentialTypeService.CREATE, code).query(Boolean.class).single();
    }

    int insert(TypeSettings s, Instant at) {
        return jdbc.sql("""
                        insert into credential_type (code, name, credential_kind, owner_operator_id, device_id_kind, binding_mode,
                            redelivery_allowed, id_list_required, key_agreement, encryption_mode, approvals_required, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(s.code(), s.name(), s.credentialKind(), s.owner().map(OperatorRef::id).orElse(null), s.deviceIdKind(),
                        s.bindingMode(), s.redeliveryAllowed(), s.idListRequired(), s.keyAgreement(), s.encryptionMode(),
                        s.approvalsRequired(), Timestamp.from(at))
                .query(Integer.class).single();
    }

    void update(int id, TypeSettings s) {
        jdbc.sql("""
                        update credential_type set name = ?, credential_kind = ?, owner_operator_id = ?, device_id_kind = ?,
                            binding_mode = ?, redelivery_allowed = ?, id_list_required = ?, key_agreement = ?, encryption_mode = ?,
                            approvals_required = ?
                        where id = ?""")
                .params(s.name(), s.credentialKind(), s.owner().map(OperatorRef::id).orElse(null), s.deviceIdKind(),
                        s.bindingMode(), s.redeliveryAllowed(), s.idListRequired(), s.keyAgreement(), s.encryptionMode(),
                        s.approvalsRequired(), id)
                .update();
    }

    void authorizeOwner(int typeId, OperatorRef owner, Instant at) {
        jdbc.sql("""
                        insert into type_authorization (credential_type_id, operator_id, authorized_at) values (?, ?, ?)
                        on conflict do nothing""")
                .params(typeId, owner.id(), Timestamp.from(at)).update();
    }

    boolean authorized(int typeId, short operatorId) {
        return jdbc.sql("""
                        select exists (select 1 from type_authorization
                                       where credential_type_id = ? and operator_id = ? and revoked_at is null)""")
                .params(typeId, operatorId).query(Boolean.class).single();
    }

    List<HistoryEntry> history(OperatorScope scope, int typeId, int limit) {
        return jdbc.sql("""
                        select h.id, h.version, o.name as operator_name, h.setting, h.old_value, h.new_value, h.requested_by,
                               h.approved_by, h.change_request_id, h.changed_at
                        from credential_type_history h left join operator o on o.id = h.operator_id
                        where h.credential_type_id = :type
                          and (cast(:operator as smallint) is null or h.operator_id is null or h.operator_id = :operator)
                        order by h.version desc, h.id limit :limit""")
                .param("type", typeId).param("operator", scope.operatorIdOrNull()).param("limit", limit)
                .query((rs, n) -> new HistoryEntry(rs.getLong("id"), rs.getInt("version"),
                        Optional.ofNullable(rs.getString("operator_name")), rs.getString("setting"),
                        Optional.ofNullable(rs.getString("old_value")), Optional.ofNullable(rs.getString("new_value")),
                        rs.getString("requested_by"), Optional.ofNullable(rs.getString("approved_by")),
                        Optional.ofNullable((Long) rs.getObject("change_request_id")), instant(rs, "changed_at")))
                .list();
    }

    /** The operators authorized for the type (in scope), each with its template if it has one. */
    List<OperatorTemplate> templates(OperatorScope scope, int typeId) {
        return jdbc.sql("""
                        select o.id, o.code, o.name, c.validity_days, c.organization, c.organizational_unit, c.locality,
                               c.state_or_province, c.country, c.updated_at, c.approved_by
                        from type_authorization a join operator o on o.id = a.operator_id
                             left join certificate_template c on c.credential_type_id = a.credential_type_id
                                                             and c.operator_id = a.operator_id
                        where a.credential_type_id = :type and a.revoked_at is null
                          and (cast(:operator as smallint) is null or a.operator_id = :operator)
                        order by o.name""")
                .param("type", typeId).param("operator", scope.operatorIdOrNull())
                .query((rs, n) -> new OperatorTemplate(new OperatorRef(rs.getShort("id"), rs.getString("code")),
                        rs.getString("name"), template(rs), Optional.ofNullable(rs.getTimestamp("updated_at")).map(Timestamp::toInstant),
                        Optional.ofNullable(rs.getString("approved_by"))))
                .list();
    }

    /** One authorized operator's entry of {@link #templates}; empty when it is not (or no longer) authorized. */
    Optional<OperatorTemplate> template(OperatorScope scope, int typeId, short operatorId) {
        return templates(scope, typeId).stream().filter(t -> t.operator().id() == operatorId).findFirst();
    }

    void saveTemplate(int typeId, short operatorId, CertificateTemplate t, String requestedBy, String approvedBy, long requestId,
            Instant at) {
        jdbc.sql("""
                        insert into certificate_template (credential_type_id, operator_id, validity_days, organization,
                            organizational_unit, locality, state_or_province, country, updated_at, requested_by, approved_by,
                            change_request_id)
                        values (?, ?, ?, nullif(?, ''), nullif(?, ''), nullif(?, ''), nullif(?, ''), nullif(?, ''), ?, ?, ?, ?)
                        on conflict (credential_type_id, operator_id) do update
                        set validity_days = excluded.validity_days, organization = excluded.organization,
                            organizational_unit = excluded.organizational_unit, locality = excluded.locality,
                            state_or_province = excluded.state_or_province, country = excluded.country,
                            updated_at = excluded.updated_at, requested_by = excluded.requested_by,
                            approved_by = excluded.approved_by, change_request_id = excluded.change_request_id""")
                .params(typeId, operatorId, t.validityDays(), t.organization(), t.organizationalUnit(), t.locality(),
                        t.stateOrProvince(), t.country(), Timestamp.from(at), requestedBy, approvedBy, requestId)
                .update();
    }

    private static Optional<CertificateTemplate> template(ResultSet rs) throws SQLException {
        int days = rs.getInt("validity_days");
        return rs.wasNull() ? Optional.empty() : Optional.of(new CertificateTemplate(days, rs.getString("organization"),
                rs.getString("organizational_unit"), rs.getString("locality"), rs.getString("state_or_province"),
                rs.getString("country")));
    }

    private static CredentialType type(ResultSet rs, int n) throws SQLException {
        short owner = rs.getShort("owner_operator_id");
        Optional<OperatorRef> ownerRef = rs.wasNull() ? Optional.empty() : Optional.of(new OperatorRef(owner, rs.getString("owner_code")));
        var settings = new TypeSettings(rs.getString("code"), rs.getString("name"), rs.getString("credential_kind"), ownerRef,
                rs.getString("device_id_kind"), rs.getString("binding_mode"), rs.getBoolean("redelivery_allowed"),
                rs.getBoolean("id_list_required"), rs.getString("key_agreement"), rs.getString("encryption_mode"),
                rs.getInt("approvals_required"));
        return new CredentialType(rs.getInt("id"), settings, rs.getInt("version"), instant(rs, "created_at"),
                Optional.ofNullable(rs.getTimestamp("updated_at")).map(Timestamp::toInstant), rs.getBoolean("in_use"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }
}
