package com.devicecreds.inventory.alert;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.OperatorScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Measures pools in one query: available and bound from the pool counters (V13), credentials bound in
 * the last 24 and 7 × 24 hourly buckets from the hourly consumption counters (V18: the current,
 * partial hour and the hours before it, so a window is up to one hour short of its name), and the
 * latest batch activation. A few rows per pool, however many credentials and events there are. Callers pass the scope: the
 * alert engine {@link OperatorScope#all()}, user-facing services the caller's.
 */
@Component
public class PoolMeasurements {

    /**
     * The pools a scope may see, as a condition on credential_type {@code t} with {@code :operatorId}:
     * types that have a pool (not issued online) and are the operator's own or shared and authorized
     * for it; every pool when {@code :operatorId} is null. InventoryService shares it.
     */
    public static final String VISIBLE_POOLS = "\n" + """
            t.binding_mode <> 'issued-online'
              and (cast(:operatorId as smallint) is null
                   or t.owner_operator_id = :operatorId
                   or (t.owner_operator_id is null and exists (
                         select 1 from type_authorization a
                         where a.credential_type_id = t.id and a.operator_id = :operatorId
                           and a.revoked_at is null)))
            """;

    /**
     * Per pool, the credentials bound in the last 24 and 7 × 24 hourly buckets (V18), as a common table
     * expression {@code delivered(credential_type_id, last_24h, last_7d)}; bind its parameters with
     * {@link #window}. InventoryService shares it.
     */
    public static final String DELIVERED = """
            delivered as (
                select credential_type_id,
                       sum(bound) filter (where hour >= :since24h) as last_24h,
                       sum(bound) as last_7d
                from pool_consumption_now
                where hour >= :since7d and hour <= :now
                group by credential_type_id)
            """;

    private final JdbcClient jdbc;

    public PoolMeasurements(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Binds the parameters of {@link #DELIVERED} for the windows ending at {@code now}. */
    public static JdbcClient.StatementSpec window(JdbcClient.StatementSpec statement, Instant now) {
        return statement.param("now", Timestamp.from(now))
                .param("since24h", Timestamp.from(hoursBack(now, 24)))
                .param("since7d", Timestamp.from(hoursBack(now, 7 * 24)));
    }

    public List<PoolMeasurement> measure(OperatorScope scope, Instant now) {
        return window(jdbc.sql("with " + DELIVERED + """
                        select t.id, t.name, o.id as operator_id, o.code as operator_code,
                               coalesce(counts.available, 0) as available,
                               coalesce(counts.bound, 0) as bound,
                               coalesce(d.last_24h, 0) as last_24h, coalesce(d.last_7d, 0) as last_7d,
                               (select max(b.activated_at) from credential_batch b
                                 where b.credential_type_id = t.id and b.state = 'active') as last_batch
                        from credential_type t
                        left join operator o on o.id = t.owner_operator_id
                        left join pool_count_now counts on counts.credential_type_id = t.id
                        left join delivered d on d.credential_type_id = t.id
                        where """ + VISIBLE_POOLS + """
                        order by t.name"""), now)
                .param("operatorId", scope.operatorIdOrNull())
                .query((rs, n) -> {
                    short operatorId = rs.getShort("operator_id");
                    Optional<OperatorRef> operator = rs.wasNull() ? Optional.empty()
                            : Optional.of(new OperatorRef(operatorId, rs.getString("operator_code")));
                    var lastBatch = Optional.ofNullable(rs.getTimestamp("last_batch")).map(Timestamp::toInstant);
                    return new PoolMeasurement(rs.getInt("id"), rs.getString("name"), operator,
                            rs.getLong("available"), rs.getLong("bound"), rs.getLong("last_24h"),
                            rs.getLong("last_7d"), lastBatch);
                })
                .list();
    }

    /** The first of the last {@code hours} UTC hour buckets, the current (partial) hour included. */
    static Instant hoursBack(Instant now, int hours) {
        return now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(hours - 1L));
    }
}
