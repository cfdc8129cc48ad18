package com.devicecreds.reporting.devices;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import com.devicecreds.access.OperatorScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The queries of device search, each within the scope it is given. Exact and prefix look-ups use the
 * collation-C B-tree {@code provisioning_event_device_idx (device_id, occurred_at desc)} (V6); the
 * authorized-list look-up uses {@code authorized_device_device_idx} (V23).
 */
@Component
class DeviceEvents {

    private static final String IN_SCOPE = "(cast(:operatorId as smallint) is null or %s.operator_id = :operatorId)";

    private final JdbcClient jdbc;

    DeviceEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The devices among the given stored IDs that have events in scope, by ID. */
    List<DeviceMatch> devices(OperatorScope scope, List<String> deviceIds) {
        return jdbc.sql("""
                        select e.device_id, min(e.device_id_kind) as kind, count(*) as events,
                               min(e.occurred_at) as first_seen, max(e.occurred_at) as last_seen
                        from provisioning_event e
                        where e.device_id = any(:ids) and """ + IN_SCOPE.formatted("e") + """
                        group by e.device_id
                        order by e.device_id""")
                .param("ids", deviceIds.toArray(String[]::new))
                .param("operatorId", scope.operatorIdOrNull())
                .query((rs, n) -> new DeviceMatch(rs.getString("device_id"), rs.getString("kind"), rs.getLong("events"),
                        rs.getTimestamp("first_seen").toInstant(), rs.getTimestamp("last_seen").toInstant()))
                .list();
    }

    /** Up to {@code limit} distinct device IDs in scope that start with one of the prefixes, by ID. */
    List<String> idsStartingWith(OperatorScope scope, List<String> prefixes, int limit) {
        var ids = new TreeSet<String>();
        for (String prefix : prefixes) {
            // A range on the C-collated column is the index's own order: the scan stops after `limit` devices.
            ids.addAll(jdbc.sql("""
                            select distinct e.device_id from provisioning_event e
                            where e.device_id >= :low and e.device_id < :high and """ + IN_SCOPE.formatted("e") + """
                            order by e.device_id
                            limit :limit""")
                    .param("low", prefix)
                    .param("high", prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) + 1))
                    .param("operatorId", scope.operatorIdOrNull())
                    .param("limit", limit)
                    .query(String.class).list());
        }
        return new ArrayList<>(ids).subList(0, Math.min(limit, ids.size()));
    }

    /** The device's requests in scope, newest first. */
    List<DeviceEvent> timeline(OperatorScope scope, String deviceId, int offset, int limit) {
        return jdbc.sql("""
                        select e.id, e.occurred_at, o.code as operator_code, t.name as type_name, e.outcome,
                               e.rejection_reason, c.credential_ref, e.server_node,
                               m.manufacturer || ' ' || m.name as model
                        from provisioning_event e
                        join operator o on o.id = e.operator_id
                        join credential_type t on t.id = e.credential_type_id
                        left join credential c on c.id = e.credential_id
                        left join device_model m on m.id = e.device_model_id
                        where e.device_id = :id and """ + IN_SCOPE.formatted("e") + """
                        order by e.occurred_at desc, e.id desc
                        offset :offset limit :limit""")
                .param("id", deviceId)
                .param("operatorId", scope.operatorIdOrNull())
                .param("offset", offset)
                .param("limit", limit)
                .query((rs, n) -> event(rs))
                .list();
    }

    long timelineSize(OperatorScope scope, String deviceId) {
        return jdbc.sql("select count(*) from provisioning_event e where e.device_id = :id and " + IN_SCOPE.formatted("e"))
                .param("id", deviceId)
                .param("operatorId", scope.operatorIdOrNull())
                .query(Long.class).single();
    }

    /** Where the IDs are on an authorized list in scope, by operator, type and part. */
    List<AuthorizedEntry> authorized(OperatorScope scope, List<String> deviceIds) {
        return jdbc.sql("""
                        select a.device_id, o.code as operator_code, t.name as type_name, p.part_number
                        from authorized_device a
                        join operator o on o.id = a.operator_id
                        join credential_type t on t.id = a.credential_type_id
                        join authorized_list_part p on p.id = a.part_id
                        where a.device_id = any(:ids) and """ + IN_SCOPE.formatted("a") + """
                        order by o.code, t.name, a.device_id""")
                .param("ids", deviceIds.toArray(String[]::new))
                .param("operatorId", scope.operatorIdOrNull())
                .query((rs, n) -> new AuthorizedEntry(rs.getString("device_id"), rs.getString("operator_code"),
                        rs.getString("type_name"), rs.getInt("part_number")))
                .list();
    }

    private static DeviceEvent event(ResultSet rs) throws SQLException {
        return new DeviceEvent(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("operator_code"),
                rs.getString("type_name"), rs.getString("outcome"), Optional.ofNullable(rs.getString("rejection_reason")),
                Optional.ofNullable(rs.getString("credential_ref")), rs.getString("server_node"),
                Optional.ofNullable(rs.getString("model")));
    }
}
