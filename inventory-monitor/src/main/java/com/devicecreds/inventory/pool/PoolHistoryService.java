package com.devicecreds.inventory.pool;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;

import com.devicecreds.access.Roles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A pool's history for its detail page: daily consumption and the available count at the end of
 * each day. The available count of a past day is derived backwards from today's: add back what was
 * delivered since, take away what batches made available since. Consumption comes from the pool's
 * hourly consumption counters (V18), at most 24 rows a day shown, however many events there are.
 */
@Service
@Transactional(readOnly = true)
public class PoolHistoryService {

    static final int MAX_DAYS = 366;

    private final JdbcClient jdbc;
    private final InventoryService inventory;
    private final Clock clock;

    PoolHistoryService(JdbcClient jdbc, InventoryService inventory, Clock clock) {
        this.jdbc = jdbc;
        this.inventory = inventory;
        this.clock = clock;
    }

    /**
     * The last {@code days} days of a pool visible to the caller; empty when the pool does not exist
     * or belongs to another operator (the two are not told apart).
     */
    @RolesAllowed({Roles.OPERATOR_STAFF, Roles.PKI_OPS, Roles.PROJECT_MANAGER, Roles.AUDITOR, Roles.ADMIN})
    public Optional<PoolHistory> historyOf(int credentialTypeId, int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be between 1 and " + MAX_DAYS + ", was " + days);
        }
        return inventory.pools().stream().filter(p -> p.credentialTypeId() == credentialTypeId).findFirst()
                .map(pool -> new PoolHistory(pool, days(pool, days), batches(credentialTypeId)));
    }

    private List<DailyPoolPoint> days(PoolSummary pool, int days) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate from = today.minusDays(days - 1L);
        record Day(LocalDate day, long delivered, long activated) {
        }
        List<Day> rows = jdbc.sql("""
                        with day as (select generate_series(cast(:from as date), cast(:today as date), interval '1 day')::date as day),
                        consumed as (
                            select (hour at time zone 'UTC')::date as day, sum(bound) as n
                            from pool_consumption_now
                            where credential_type_id = :type and hour >= :fromTime
                            group by 1),
                        activated as (
                            select (activated_at at time zone 'UTC')::date as day, sum(record_count) as n
                            from credential_batch
                            where credential_type_id = :type and state = 'active' and activated_at >= :fromTime
                            group by 1)
                        select day.day, coalesce(consumed.n, 0) as delivered, coalesce(activated.n, 0) as activated
                        from day left join consumed using (day) left join activated using (day)
                        order by day.day""")
                .param("from", Date.valueOf(from))
                .param("today", Date.valueOf(today))
                .param("fromTime", Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()))
                .param("type", pool.credentialTypeId())
                .query((rs, n) -> new Day(rs.getDate("day").toLocalDate(), rs.getLong("delivered"), rs.getLong("activated")))
                .list();
        var points = new ArrayList<DailyPoolPoint>(rows.size());
        long available = pool.available();
        for (int i = rows.size() - 1; i >= 0; i--) {
            var day = rows.get(i);
            points.add(new DailyPoolPoint(day.day(), day.delivered(), day.activated(), Math.max(0, available)));
            // Going back over this day: what it delivered was still there, what it activated was not yet.
            available = available + day.delivered() - day.activated();
        }
        Collections.reverse(points);
        return points;
    }

    private List<BatchSummary> batches(int credentialTypeId) {
        return jdbc.sql("""
                        select id, batch_ref, record_count, producing_facility, state, submitted_by, submitted_at, activated_at
                        from credential_batch where credential_type_id = ? order by submitted_at desc""")
                .param(credentialTypeId)
                .query((rs, n) -> new BatchSummary(rs.getLong("id"), rs.getString("batch_ref"), rs.getInt("record_count"),
                        rs.getString("producing_facility"), rs.getString("state"), rs.getString("submitted_by"),
                        rs.getTimestamp("submitted_at").toInstant(),
                        Optional.ofNullable(rs.getTimestamp("activated_at")).map(Timestamp::toInstant)))
                .list();
    }
}
