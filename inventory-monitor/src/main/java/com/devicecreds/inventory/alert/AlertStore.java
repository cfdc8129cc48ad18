package com.devicecreds.inventory.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The SQL of pool_alert_state and inventory_alert. */
@Component
class AlertStore {

    static final String SELECT_ALERT = """
            select a.*, t.name as pool_name from inventory_alert a
            join credential_type t on t.id = a.credential_type_id
            """;

    private final JdbcClient jdbc;

    AlertStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The pool's state, locked for this transaction (a second engine run waits instead of alerting twice). */
    Optional<PoolState> lockState(int typeId) {
        return jdbc.sql("select * from pool_alert_state where credential_type_id = ? for update").param(typeId)
                .query((rs, n) -> new PoolState(PoolLevel.valueOf(rs.getString("level")),
                        Optional.ofNullable(rs.getString("pending_level")).map(PoolLevel::valueOf),
                        Optional.ofNullable(rs.getTimestamp("pending_since")).map(Timestamp::toInstant),
                        rs.getBoolean("runway_low")))
                .optional();
    }

    void saveState(int typeId, PoolState state, Instant now) {
        jdbc.sql("""
                        insert into pool_alert_state (credential_type_id, level, pending_level, pending_since, runway_low,
                                                      last_evaluated_at)
                        values (:type, :level, :pendingLevel, :pendingSince, :runwayLow, :now)
                        on conflict (credential_type_id) do update set level = excluded.level,
                            pending_level = excluded.pending_level, pending_since = excluded.pending_since,
                            runway_low = excluded.runway_low, last_evaluated_at = excluded.last_evaluated_at""")
                .param("type", typeId).param("level", state.level().name())
                .param("pendingLevel", state.pendingLevel().map(Enum::name).orElse(null))
                .param("pendingSince", state.pendingSince().map(Timestamp::from).orElse(null))
                .param("runwayLow", state.runwayLow()).param("now", Timestamp.from(now))
                .update();
    }

    long insert(int typeId, Transition.Raise raise, long available, String summary, Instant now) {
        return jdbc.sql("""
                        insert into inventory_alert (credential_type_id, kind, from_level, to_level, available_at_raise,
                                                     summary, raised_at)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(typeId, raise.kind().name(), raise.from().name(), raise.to().name(), available, summary,
                        Timestamp.from(now))
                .query(Long.class).single();
    }

    /** Resolves the open alerts of the kind that no longer hold; returns them. */
    List<InventoryAlert> resolve(int typeId, Transition.Resolve resolve, Instant now) {
        var open = jdbc.sql(SELECT_ALERT + " where a.credential_type_id = ? and a.kind = ? and a.resolved_at is null")
                .params(typeId, resolve.kind().name()).query(AlertStore::alert).list().stream()
                .filter(a -> a.kind() == AlertKind.RUNWAY || a.toLevel().isWorseThan(resolve.level()))
                .toList();
        for (var alert : open) {
            jdbc.sql("update inventory_alert set resolved_at = ? where id = ?").params(Timestamp.from(now), alert.id())
                    .update();
        }
        return open;
    }

    /** A batch activated after an alert was snoozed until the next batch: the snooze is over. */
    int endSnoozesOnNewBatch(int typeId, Instant lastBatchActivatedAt) {
        return jdbc.sql("""
                        update inventory_alert set snoozed_until_next_batch = false
                        where credential_type_id = ? and snoozed_until_next_batch and snoozed_at < ?""")
                .params(typeId, Timestamp.from(lastBatchActivatedAt)).update();
    }

    static InventoryAlert alert(ResultSet rs, int n) throws SQLException {
        return new InventoryAlert(rs.getLong("id"), rs.getInt("credential_type_id"), rs.getString("pool_name"),
                AlertKind.valueOf(rs.getString("kind")), PoolLevel.valueOf(rs.getString("from_level")),
                PoolLevel.valueOf(rs.getString("to_level")), rs.getLong("available_at_raise"), rs.getString("summary"),
                rs.getTimestamp("raised_at").toInstant(), Optional.ofNullable(rs.getString("acknowledged_by")),
                instant(rs, "acknowledged_at"), instant(rs, "snoozed_until"), rs.getBoolean("snoozed_until_next_batch"),
                instant(rs, "resolved_at"));
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getTimestamp(column)).map(Timestamp::toInstant);
    }
}
