package com.devicecreds.inventory.pool;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.OperatorScope;
import com.devicecreds.inventory.alert.PoolLevel;
import com.devicecreds.inventory.alert.PoolMeasurements;
import com.devicecreds.inventory.threshold.ThresholdService;
import com.devicecreds.inventory.threshold.Thresholds;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The pools of a scope with their counts, runway and alert level: the query behind
 * {@link InventoryService#pools()} for the signed-in user's scope. Work of the system across operators
 * (the business metrics) passes {@link OperatorScope#all()}, so that it shows what the inventory page shows.
 */
@Component
@Transactional(readOnly = true)
public class PoolSummaries {

    private final JdbcClient jdbc;
    private final ThresholdService thresholds;
    private final Clock clock;

    PoolSummaries(JdbcClient jdbc, ThresholdService thresholds, Clock clock) {
        this.jdbc = jdbc;
        this.thresholds = thresholds;
        this.clock = clock;
    }

    /** The pools the scope may see, by type name. Types issued online have no pool and are left out. */
    public List<PoolSummary> of(OperatorScope scope) {
        Map<Integer, Thresholds> own = thresholds.ownThresholds();
        return PoolMeasurements.window(jdbc.sql("with " + PoolMeasurements.DELIVERED + """
                        select t.id, t.code, t.name, k.name as kind, o.id as operator_id, o.code as operator_code,
                               o.name as operator_name, t.binding_mode,
                               coalesce(counts.available, 0) as available,
                               coalesce(counts.bound, 0) as bound,
                               coalesce(d.last_24h, 0) as last_24h, coalesce(d.last_7d, 0) as last_7d,
                               coalesce(s.level, 'OK') as level
                        from credential_type t
                        left join pool_alert_state s on s.credential_type_id = t.id
                        join credential_kind k on k.code = t.credential_kind
                        left join operator o on o.id = t.owner_operator_id
                        left join pool_count_now counts on counts.credential_type_id = t.id
                        left join delivered d on d.credential_type_id = t.id
                        where """ + PoolMeasurements.VISIBLE_POOLS + """
                        order by t.name"""), clock.instant())
                .param("operatorId", scope.operatorIdOrNull())
                .query((rs, n) -> {
                    short operatorId = rs.getShort("operator_id");
                    Optional<OperatorRef> operator = rs.wasNull() ? Optional.empty()
                            : Optional.of(new OperatorRef(operatorId, rs.getString("operator_code")));
                    int typeId = rs.getInt("id");
                    long available = rs.getLong("available");
                    double perDay = rs.getLong("last_7d") / 7.0;
                    return new PoolSummary(typeId, rs.getString("code"), rs.getString("name"),
                            rs.getString("kind"), operator, Optional.ofNullable(rs.getString("operator_name")),
                            rs.getString("binding_mode"), available, rs.getLong("bound"), rs.getLong("last_24h"), perDay,
                            perDay == 0 ? OptionalDouble.empty() : OptionalDouble.of(available / perDay),
                            PoolLevel.valueOf(rs.getString("level")), own.getOrDefault(typeId, Thresholds.DEFAULTS));
                })
                .list();
    }
}
