package com.devicecreds.reporting.usage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.devicecreds.access.HiddenCredentialType;
import com.devicecreds.access.OperatorScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Usage read from the daily rollups the database keeps (migration V22): compacted days plus the
 * delta rows not folded yet, never the events themselves. A year of one operator is some ten
 * thousand rows whatever the number of events. See docs/decisions/012-usage-rollups.md.
 */
@Component
public class UsageRollups {

    /**
     * One pass over the daily counts: outcomes pivoted per period and type (the chart and table
     * rows, and the type totals), and per rejection reason (grouping set 2, with no period) for the
     * current and the previous period. Returns a few rows per period instead of one per outcome and
     * reason, which the portal would only add up again. The type's name is joined last; a type that
     * row-level security hides from operator staff (their device asked for another operator's type)
     * joins as null and is reported as {@link HiddenCredentialType}, all such types as one line.
     */
    static final String USAGE = """
            select g.period, g.current, g.credential_type_id, t.name as type_name, g.rejection_reason,
                   g.delivered, g.redelivered, g.rejected
            from (select date_trunc(:unit, u.day::timestamp)::date as period, u.day >= :from as current,
                         u.credential_type_id, u.rejection_reason,
                         coalesce(sum(u.requests) filter (where u.outcome = 'delivered'), 0) as delivered,
                         coalesce(sum(u.requests) filter (where u.outcome = 're-delivered'), 0) as redelivered,
                         coalesce(sum(u.requests) filter (where u.outcome = 'rejected'), 0) as rejected
                  from %s u
                  where u.day between :previousFrom and :to
                    and (cast(:operatorId as smallint) is null or u.operator_id = :operatorId)
                  group by grouping sets ((1, 2, 3), (2, 4))) g
            left join credential_type t on t.id = g.credential_type_id and """
            + HiddenCredentialType.VISIBLE_IN_SCOPE.formatted("t");

    /**
     * The compacted days without the node dimension (usage_daily_type, many times fewer rows than
     * usage_daily) and the pending deltas, not grouped twice as the view usage_daily_type_now would.
     */
    static final String ROLLUPS = """
            (select day, operator_id, credential_type_id, outcome, rejection_reason, requests from usage_daily_type
             union all
             select day, operator_id, credential_type_id, outcome, rejection_reason, requests from usage_daily_delta)""";

    private final JdbcClient jdbc;

    UsageRollups(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Folds the pending delta rows into the daily totals; returns how many rows it folded. */
    public long compact() {
        return jdbc.sql("select usage_compact()").query(Long.class).single();
    }

    /**
     * The usage report within the given scope: the query {@link UsageService#usage} runs for the
     * signed-in user's scope. Jobs that report for one operator (scheduled reports) pass its scope.
     */
    public UsageReport report(OperatorScope scope, UsageQuery query) {
        return report(jdbc, USAGE.formatted(ROLLUPS), scope, query);
    }

    /**
     * Requests per operator, type and outcome over the UTC days {@code from} to {@code to}, from the
     * same rollups as {@link #report}: a few rows per day and type, never the events. The business
     * metrics add these up into their request counters.
     */
    public List<UsageTotal> totals(OperatorScope scope, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        select o.code as operator_code, t.code as type_code, u.outcome, sum(u.requests)::bigint as requests
                        from %s u
                        join operator o on o.id = u.operator_id
                        join credential_type t on t.id = u.credential_type_id
                        where u.day between :from and :to
                          and (cast(:operatorId as smallint) is null or u.operator_id = :operatorId)
                        group by o.code, t.code, u.outcome
                        order by o.code, t.code, u.outcome""".formatted(ROLLUPS))
                .param("from", from)
                .param("to", to)
                .param("operatorId", scope.operatorIdOrNull())
                .query((rs, n) -> new UsageTotal(rs.getString("operator_code"), rs.getString("type_code"),
                        rs.getString("outcome"), rs.getLong("requests")))
                .list();
    }

    /** Runs the usage statement over a source of daily counts (the rollups, or in benchmarks the raw events). */
    static UsageReport report(JdbcClient jdbc, String sql, OperatorScope scope, UsageQuery query) {
        var groups = jdbc.sql(sql)
                .param("unit", query.granularity().sqlUnit())
                .param("from", query.from())
                .param("previousFrom", query.previousFrom())
                .param("to", query.to())
                .param("operatorId", scope.operatorIdOrNull())
                .query((rs, n) -> new Group(rs.getObject("period", LocalDate.class), rs.getBoolean("current"),
                        HiddenCredentialType.id(rs.getInt("credential_type_id"), rs.getString("type_name")),
                        HiddenCredentialType.name(rs.getString("type_name")), rs.getString("rejection_reason"),
                        new long[] {rs.getLong("delivered"), rs.getLong("redelivered"), rs.getLong("rejected")}))
                .list();
        return assemble(query, groups);
    }

    private static UsageReport assemble(UsageQuery query, List<Group> groups) {
        record Key(LocalDate period, String type, int typeId) {
        }
        var rows = new TreeMap<Key, long[]>(Comparator.comparing(Key::period).thenComparing(Key::type)
                .thenComparing(Key::typeId));
        long[] current = new long[3];
        long[] previous = new long[3];
        var reasons = new HashMap<String, Long>();
        var byType = new LinkedHashMap<String, long[]>();
        for (Group g : groups) {
            if (g.period() == null) {
                // The per-reason grouping set: rejected requests by reason.
                if (g.current() && g.reason() != null && g.counts()[2] > 0) {
                    reasons.merge(g.reason(), g.counts()[2], Long::sum);
                }
                continue;
            }
            long[] totals = g.current() ? current : previous;
            for (int outcome = 0; outcome < 3; outcome++) {
                totals[outcome] += g.counts()[outcome];
            }
            if (g.current()) {
                long[] row = rows.computeIfAbsent(new Key(g.period(), g.typeName(), g.typeId()), k -> new long[3]);
                for (int outcome = 0; outcome < 3; outcome++) {
                    row[outcome] += g.counts()[outcome];
                }
            }
            long requests = g.counts()[0] + g.counts()[1] + g.counts()[2];
            byType.computeIfAbsent(g.typeName(), k -> new long[2])[g.current() ? 0 : 1] += requests;
        }
        var usageRows = new ArrayList<UsageRow>(rows.size());
        rows.forEach((k, c) -> usageRows.add(new UsageRow(k.period(), k.typeId(), k.type(), c[0], c[1], c[2])));
        var rejections = reasons.entrySet().stream()
                .map(e -> new ReasonCount(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(ReasonCount::count).reversed().thenComparing(ReasonCount::reason))
                .toList();
        var comparisons = byType.entrySet().stream()
                .map(e -> new TypeComparison(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .sorted(Comparator.comparing(TypeComparison::credentialType))
                .toList();
        return new UsageReport(query, List.copyOf(usageRows), counts(current), counts(previous), rejections, comparisons);
    }

    private static OutcomeCounts counts(long[] c) {
        return new OutcomeCounts(c[0], c[1], c[2]);
    }

    /** A row of the statement: a period and type with its outcome counts, or (no period) a rejection reason. */
    private record Group(LocalDate period, boolean current, int typeId, String typeName, String reason, long[] counts) {
    }
}
