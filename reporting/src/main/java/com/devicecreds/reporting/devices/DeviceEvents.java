package com.devicecreds.reporting.devices;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import com.devicecreds.access.HiddenCredentialType;
import com.devicecreds.access.OperatorScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The queries of device search, each within the scope it is given. Exact and prefix look-ups read the
 * device summaries of {@code device_summary} (V50, decision 035) by its collation-C primary key; a
 * device's timeline reads its events through {@code provisioning_event_device_idx (device_id,
 * occurred_at desc)} (V6); the authorized-list look-up uses {@code authorized_device_device_idx} (V23).
 */
@Component
class DeviceEvents {

    private static final String IN_SCOPE = "(cast(:operatorId as smallint) is null or %s.operator_id = :operatorId)";
    /**
     * Device summaries (V50) matching a condition on {@code s.device_id}, one row per device (its
     * operators' rows in scope added up), by ID; then a limit clause or nothing.
     */
    private static final String SUMMARIES = """
            select s.device_id, min(s.device_id_kind) as kind, sum(s.events) as events,
                   min(s.first_seen) as first_seen, max(s.last_seen) as last_seen
            from device_summary s
            where %s and """ + IN_SCOPE.formatted("s") + """
            group by s.device_id
            order by s.device_id
            %s""";
    /** Devices in scope whose ID lies in [:low, :high), up to :limit (the range of one prefix). */
    static final String PREFIX = SUMMARIES.formatted("s.device_id >= :low and s.device_id < :high", "limit :limit");

    private final JdbcClient jdbc;

    DeviceEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The devices among the given stored IDs that have events in scope, by ID. */
    List<DeviceMatch> devices(OperatorScope scope, List<String> deviceIds) {
        return jdbc.sql(SUMMARIES.formatted("s.device_id = any(:ids)", ""))
                .param("ids", deviceIds.toArray(String[]::new))
                .param("operatorId", scope.operatorIdOrNull())
                .query(DeviceEvents::match)
                .list();
    }

    /**
     * Up to {@code limit} devices in scope whose ID starts with one of the prefixes, by ID, each with
     * its summary: per prefix, one range of the summary's primary key, read in order and stopped after
     * {@code limit} devices, whatever the number of events and partitions behind them.
     */
    List<DeviceMatch> devicesStartingWith(OperatorScope scope, List<String> prefixes, int limit) {
        var matches = new java.util.TreeMap<String, DeviceMatch>();
        for (String prefix : prefixes) {
            jdbc.sql(PREFIX)
                    .param("low", prefix)
                    .param("high", upperBound(prefix))
                    .param("operatorId", scope.operatorIdOrNull())
                    .param("limit", limit)
                    .query(DeviceEvents::match).list()
                    .forEach(m -> matches.putIfAbsent(m.deviceId(), m));
        }
        return matches.values().stream().limit(limit).toList();
    }

    /** The least string greater than every string that starts with the prefix (collation C). */
    static String upperBound(String prefix) {
        return prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) + 1);
    }

    private static DeviceMatch match(ResultSet rs, int n) throws SQLException {
        return new DeviceMatch(rs.getString("device_id"), rs.getString("kind"), rs.getLong("events"),
                rs.getTimestamp("first_seen").toInstant(), rs.getTimestamp("last_seen").toInstant());
    }

    /** The device's requests in scope, newest first. */
    List<DeviceEvent> timeline(OperatorScope scope, String deviceId, int offset, int limit) {
        return jdbc.sql("""
                        select e.id, e.occurred_at, o.code as operator_code, t.name as type_name, e.outcome,
                               e.rejection_reason, c.credential_ref, e.server_node,
                               m.manufacturer || ' ' || m.name as model
                        from provisioning_event e
                        join operator o on o.id = e.operator_id
                        left join credential_type t on t.id = e.credential_type_id and """
                        + HiddenCredentialType.VISIBLE_IN_SCOPE.formatted("t") + """
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
                        left join credential_type t on t.id = a.credential_type_id and """
                        + HiddenCredentialType.VISIBLE_IN_SCOPE.formatted("t") + """
                        join authorized_list_part p on p.id = a.part_id
                        where a.device_id = any(:ids) and """ + IN_SCOPE.formatted("a") + """
                        order by o.code, t.name, a.device_id""")
                .param("ids", deviceIds.toArray(String[]::new))
                .param("operatorId", scope.operatorIdOrNull())
                .query((rs, n) -> new AuthorizedEntry(rs.getString("device_id"), rs.getString("operator_code"),
                        HiddenCredentialType.name(rs.getString("type_name")), rs.getInt("part_number")))
                .list();
    }

    private static DeviceEvent event(ResultSet rs) throws SQLException {
        return new DeviceEvent(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("operator_code"),
                HiddenCredentialType.name(rs.getString("type_name")), rs.getString("outcome"),
                Optional.ofNullable(rs.getString("rejection_reason")),
                Optional.ofNullable(rs.getString("credential_ref")), rs.getString("server_node"),
                Optional.ofNullable(rs.getString("model")));
    }
}
