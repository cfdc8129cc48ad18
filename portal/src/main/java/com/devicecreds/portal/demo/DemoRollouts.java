package com.devicecreds.portal.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Rollouts of the demo world, one per stage worth showing: one in progress (told to go ahead weeks
 * ago, acknowledged by the operator, short of its target), one complete, and one planned by PKI
 * operations that waits for a project manager's approval. Targets follow what the generated history
 * delivered, so progress bars and charts show real numbers.
 */
final class DemoRollouts {

    private DemoRollouts() {
    }

    static int seed(Connection c, Instant now) throws SQLException {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        // The busiest (operator, type) pairs of the last 30 days, busiest first.
        var pairs = new java.util.ArrayList<long[]>();
        try (var query = c.prepareStatement("""
                select u.operator_id, u.credential_type_id, sum(u.requests) as delivered
                from usage_daily_now u where u.outcome = 'delivered' and u.day >= ?
                group by 1, 2 order by delivered desc, 1, 2 limit 3""")) {
            query.setObject(1, today.minusDays(30));
            try (var rs = query.executeQuery()) {
                while (rs.next()) {
                    pairs.add(new long[] {rs.getLong(1), rs.getLong(2)});
                }
            }
        }
        if (pairs.size() < 3) {
            return 0;
        }
        insert(c, pairs.get(0), "Set-top box firmware 4.2: DRM keys", today.minusDays(35), today.plusDays(25), 1.6, "pm.clara",
                now.minus(Duration.ofDays(40)), "pm.felix", true, now);
        insert(c, pairs.get(1), "Spring gateway refresh", today.minusDays(80), today.minusDays(20), 0.95, "pm.felix",
                now.minus(Duration.ofDays(85)), "pm.clara", true, now);
        insert(c, pairs.get(2), "Retail modems, second wave", today.plusDays(3), today.plusDays(60), 0, "pki.anna",
                now.minus(Duration.ofHours(2)), null, false, now);
        return 3;
    }

    private static void insert(Connection c, long[] pair, String name, LocalDate from, LocalDate to, double targetFactor,
            String plannedBy, Instant plannedAt, String approvedBy, boolean told, Instant now) throws SQLException {
        long target = 50_000;
        if (targetFactor > 0) {
            try (var query = c.prepareStatement("""
                    select coalesce(sum(requests), 0) from usage_daily_now
                    where operator_id = ? and credential_type_id = ? and outcome = 'delivered' and day between ? and ?""")) {
                query.setLong(1, pair[0]);
                query.setLong(2, pair[1]);
                query.setObject(3, from);
                query.setObject(4, to);
                try (var rs = query.executeQuery()) {
                    rs.next();
                    target = Math.max(10, Math.round(rs.getLong(1) * targetFactor));
                }
            }
        }
        Timestamp approvedAt = approvedBy == null ? null : Timestamp.from(plannedAt.plus(Duration.ofHours(20)));
        Timestamp toldAt = told ? Timestamp.from(plannedAt.plus(Duration.ofHours(21))) : null;
        Timestamp acknowledgedAt = told ? Timestamp.from(plannedAt.plus(Duration.ofDays(1))) : null;
        try (var insert = c.prepareStatement("""
                insert into rollout (operator_id, credential_type_id, name, target_devices, window_start, window_end,
                                     project_manager_email, created_by, created_at, approved_by, approved_at, go_ahead_at,
                                     acknowledged_by, acknowledged_at)
                select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, case when ? then 'op.' || o.code end, ?
                from operator o where o.id = ?""")) {
            int i = 1;
            insert.setLong(i++, pair[0]);
            insert.setLong(i++, pair[1]);
            insert.setString(i++, name);
            insert.setLong(i++, target);
            insert.setObject(i++, from);
            insert.setObject(i++, to);
            insert.setString(i++, (plannedBy.startsWith("pm.") ? plannedBy : "pm.clara") + "@demo.invalid");
            insert.setString(i++, plannedBy);
            insert.setTimestamp(i++, Timestamp.from(plannedAt));
            insert.setString(i++, approvedBy);
            insert.setTimestamp(i++, approvedAt);
            insert.setTimestamp(i++, toldAt);
            insert.setBoolean(i++, told);
            insert.setTimestamp(i++, acknowledgedAt);
            insert.setLong(i, pair[0]);
            insert.executeUpdate();
        }
        Sql.run(c, """
                insert into rollout_list_part (rollout_id, operator_id, credential_type_id, list_part_id)
                select r.id, r.operator_id, r.credential_type_id, p.id
                from rollout r join authorized_list_part p on p.operator_id = r.operator_id and p.credential_type_id = r.credential_type_id
                where r.name = ? and r.operator_id = ?""", name, (short) pair[0]);
    }
}
