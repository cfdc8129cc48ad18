package com.devicecreds.portal.typeauth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.devicecreds.access.OperatorDirectory.OperatorSummary;
import com.devicecreds.access.OperatorRef;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The SQL of type and model authorizations, the device model catalogue and list parts; reads take the operator scope. */
@Component
class TypeAuthorizationRows {

    private static final String IN_SCOPE = " (cast(:operator as smallint) is null or a.operator_id = :operator) ";

    private final JdbcClient jdbc;

    TypeAuthorizationRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A credential type as the rules need it. */
    record TypeRow(int id, String code, String name, Optional<OperatorRef> owner, boolean idListRequired) {

        boolean ownedBy(short operatorId) {
            return owner.filter(o -> o.id() == operatorId).isPresent();
        }
    }

    /** One (type, operator) authorization row: its revocation and its models' ids. */
    record Grant(Optional<Instant> revokedAt, Optional<String> revokeReason, Set<Integer> models) {

        boolean revoked() {
            return revokedAt.isPresent();
        }
    }

    Optional<TypeRow> type(int typeId) {
        return jdbc.sql("""
                        select t.id, t.code, t.name, t.owner_operator_id, o.code as owner_code, t.id_list_required
                        from credential_type t left join operator o on o.id = t.owner_operator_id where t.id = ?""")
                .param(typeId).query((rs, n) -> {
                    short owner = rs.getShort("owner_operator_id");
                    Optional<OperatorRef> ref = rs.wasNull() ? Optional.empty()
                            : Optional.of(new OperatorRef(owner, rs.getString("owner_code")));
                    return new TypeRow(rs.getInt("id"), rs.getString("code"), rs.getString("name"), ref,
                            rs.getBoolean("id_list_required"));
                }).optional();
    }

    Optional<OperatorSummary> operator(short id) {
        return jdbc.sql("select id, code, name from operator where id = ?").param(id)
                .query((rs, n) -> new OperatorSummary(new OperatorRef(rs.getShort("id"), rs.getString("code")), rs.getString("name")))
                .optional();
    }

    /** Operators without an authorization in force for the type (never authorized, or revoked), by name. */
    List<OperatorSummary> authorizable(int typeId) {
        return jdbc.sql("""
                        select o.id, o.code, o.name from operator o
                        where not exists (select 1 from type_authorization a
                                          where a.credential_type_id = ? and a.operator_id = o.id and a.revoked_at is null)
                        order by o.name""")
                .param(typeId)
                .query((rs, n) -> new OperatorSummary(new OperatorRef(rs.getShort("id"), rs.getString("code")), rs.getString("name")))
                .list();
    }

    List<OperatorAuthorization> authorizations(int typeId, Short operatorOrNull) {
        var found = jdbc.sql("""
                        select a.operator_id, o.code, o.name, (t.owner_operator_id = a.operator_id) as owner, a.authorized_at,
                               a.authorized_by, a.revoked_at, a.revoked_by, a.revoke_reason,
                               (select count(*) from authorized_list_part p
                                where p.operator_id = a.operator_id and p.credential_type_id = a.credential_type_id) as parts,
                               (select coalesce(sum(p.entry_count), 0) from authorized_list_part p
                                where p.operator_id = a.operator_id and p.credential_type_id = a.credential_type_id) as entries,
                               l.part_number as last_part, l.received_at as last_received
                        from type_authorization a join operator o on o.id = a.operator_id
                             join credential_type t on t.id = a.credential_type_id
                             left join lateral (select p.part_number, p.received_at from authorized_list_part p
                                                where p.operator_id = a.operator_id and p.credential_type_id = a.credential_type_id
                                                order by p.part_number desc limit 1) l on true
                        where a.credential_type_id = :type and""" + IN_SCOPE + """
                        order by (a.revoked_at is not null), coalesce(t.owner_operator_id = a.operator_id, false) desc, o.name""")
                .param("type", typeId).param("operator", operatorOrNull)
                .query((rs, n) -> row(rs)).list();
        var models = models(typeId, operatorOrNull);
        return found.stream().map(a -> new OperatorAuthorization(a.operator(), a.operatorName(), a.owner(), a.authorizedAt(),
                a.authorizedBy(), a.revokedAt(), a.revokedBy(), a.revokeReason(),
                models.getOrDefault(a.operator().id(), List.of()), a.listParts())).toList();
    }

    private static OperatorAuthorization row(ResultSet rs) throws SQLException {
        int parts = rs.getInt("parts");
        var lists = parts == 0 ? ListPartsSummary.NONE : new ListPartsSummary(parts, rs.getLong("entries"),
                Optional.of(rs.getInt("last_part")), Optional.of(rs.getTimestamp("last_received").toInstant()));
        return new OperatorAuthorization(new OperatorRef(rs.getShort("operator_id"), rs.getString("code")), rs.getString("name"),
                rs.getBoolean("owner"), rs.getTimestamp("authorized_at").toInstant(), Optional.ofNullable(rs.getString("authorized_by")),
                Optional.ofNullable(rs.getTimestamp("revoked_at")).map(Timestamp::toInstant),
                Optional.ofNullable(rs.getString("revoked_by")), Optional.ofNullable(rs.getString("revoke_reason")), List.of(), lists);
    }

    private Map<Short, List<DeviceModel>> models(int typeId, Short operatorOrNull) {
        var byOperator = new LinkedHashMap<Short, List<DeviceModel>>();
        jdbc.sql("""
                        select a.operator_id, m.id, m.manufacturer, m.name
                        from model_authorization a join device_model m on m.id = a.device_model_id
                        where a.credential_type_id = :type and""" + IN_SCOPE + " order by m.manufacturer, m.name")
                .param("type", typeId).param("operator", operatorOrNull)
                .query((ResultSet rs) -> {
                    byOperator.computeIfAbsent(rs.getShort(1), k -> new ArrayList<>())
                            .add(new DeviceModel(rs.getInt(2), rs.getString(3), rs.getString(4)));
                });
        return byOperator;
    }

    List<ListPart> listParts(int typeId, short operatorId) {
        return jdbc.sql("""
                        select part_number, source_name, entry_count, received_at from authorized_list_part
                        where credential_type_id = ? and operator_id = ? order by part_number""")
                .params(typeId, operatorId)
                .query((rs, n) -> new ListPart(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getTimestamp(4).toInstant()))
                .list();
    }

    List<DeviceModel> models() {
        return jdbc.sql("select id, manufacturer, name from device_model order by manufacturer, name")
                .query((rs, n) -> new DeviceModel(rs.getInt(1), rs.getString(2), rs.getString(3))).list();
    }

    /** The models of the catalogue with these ids, by id; unknown ids are missing from the map. */
    Map<Integer, DeviceModel> models(Collection<Integer> ids) {
        var byId = new LinkedHashMap<Integer, DeviceModel>();
        models().stream().filter(m -> ids.contains(m.id())).forEach(m -> byId.put(m.id(), m));
        return byId;
    }

    Optional<DeviceModel> modelNamed(String manufacturer, String name) {
        return jdbc.sql("""
                        select id, manufacturer, name from device_model
                        where lower(manufacturer) = lower(?) and lower(name) = lower(?) limit 1""")
                .params(manufacturer, name)
                .query((rs, n) -> new DeviceModel(rs.getInt(1), rs.getString(2), rs.getString(3))).optional();
    }

    DeviceModel register(String manufacturer, String name, String by, Instant at) {
        int id = jdbc.sql("""
                        insert into device_model (manufacturer, name, registered_by, created_at) values (?, ?, ?, ?)
                        returning id""")
                .params(manufacturer, name, by, Timestamp.from(at)).query(Integer.class).single();
        return new DeviceModel(id, manufacturer, name);
    }

    /** The (type, operator) authorization; with {@code lock}, its row is locked until the transaction ends. */
    Optional<Grant> grant(int typeId, short operatorId, boolean lock) {
        return jdbc.sql("""
                        select revoked_at, revoke_reason from type_authorization
                        where credential_type_id = ? and operator_id = ?""" + (lock ? " for update" : ""))
                .params(typeId, operatorId)
                .query((rs, n) -> new Grant(Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant),
                        Optional.ofNullable(rs.getString(2)), Set.of()))
                .optional()
                .map(g -> new Grant(g.revokedAt(), g.revokeReason(), new TreeSet<>(jdbc.sql("""
                                select device_model_id from model_authorization where credential_type_id = ? and operator_id = ?""")
                        .params(typeId, operatorId).query(Integer.class).list())));
    }

    /** A pending change request of the target: "#id: summary". */
    Optional<String> pending(String target) {
        return jdbc.sql("""
                        select '#' || id || ': ' || summary from config_change_request
                        where state = 'pending' and target = ? order by id limit 1""")
                .param(target).query(String.class).optional();
    }

    void authorize(int typeId, short operatorId, String by, long requestId, Instant at) {
        jdbc.sql("""
                        insert into type_authorization (credential_type_id, operator_id, authorized_at, authorized_by, change_request_id)
                        values (:type, :operator, :at, :by, :request)
                        on conflict (credential_type_id, operator_id) do update
                            set authorized_at = excluded.authorized_at, authorized_by = excluded.authorized_by,
                                change_request_id = excluded.change_request_id,
                                revoked_at = null, revoked_by = null, revoke_reason = null""")
                .param("type", typeId).param("operator", operatorId).param("at", Timestamp.from(at)).param("by", by)
                .param("request", requestId).update();
    }

    void revoke(int typeId, short operatorId, String by, String reason, long requestId, Instant at) {
        jdbc.sql("""
                        update type_authorization set revoked_at = ?, revoked_by = ?, revoke_reason = ?, change_request_id = ?
                        where credential_type_id = ? and operator_id = ? and revoked_at is null""")
                .params(Timestamp.from(at), by, reason, requestId, typeId, operatorId).update();
    }

    void addModel(int typeId, short operatorId, int modelId, String by, long requestId, Instant at) {
        jdbc.sql("""
                        insert into model_authorization (credential_type_id, operator_id, device_model_id, authorized_at,
                                                         authorized_by, change_request_id)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(typeId, operatorId, modelId, Timestamp.from(at), by, requestId).update();
    }

    void removeModel(int typeId, short operatorId, int modelId) {
        jdbc.sql("delete from model_authorization where credential_type_id = ? and operator_id = ? and device_model_id = ?")
                .params(typeId, operatorId, modelId).update();
    }
}
