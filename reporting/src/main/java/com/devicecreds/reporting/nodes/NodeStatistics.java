package com.devicecreds.reporting.nodes;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the monitor and the node page read: the nodes seen so far, each node's requests and
 * rejections over the recent window (a time-bounded scan of the newest partition's BRIN range), its
 * usual rejection rate from the daily rollups of the last seven days, and alerts.
 */
@Component
class NodeStatistics {

    private final JdbcClient jdbc;

    NodeStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Window(long requests, long rejected, Map<String, Long> reasons) {
        double rejectionRate() {
            return requests == 0 ? 0 : (double) rejected / requests;
        }
    }

    record Node(String name, Instant firstSeen, Instant lastSeen) {
    }

    /** Registers nodes seen in the window and moves their last-seen time forward. */
    void recordSightings(Instant now, Duration window) {
        jdbc.sql("""
                        insert into server_node (name, first_seen, last_seen)
                        select server_node, min(occurred_at), max(occurred_at)
                        from provisioning_event
                        where occurred_at > :since and occurred_at <= :now
                        group by server_node
                        on conflict (name) do update
                            set last_seen = greatest(server_node.last_seen, excluded.last_seen)""")
                .param("since", Timestamp.from(now.minus(window)))
                .param("now", Timestamp.from(now))
                .update();
    }

    List<Node> nodes() {
        return jdbc.sql("select name, first_seen, last_seen from server_node order by name")
                .query((rs, n) -> new Node(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant()))
                .list();
    }

    Map<String, Window> window(Instant now, Duration window) {
        record Row(String node, String outcome, String reason, long count) {
        }
        var rows = jdbc.sql("""
                        select server_node, outcome, rejection_reason, count(*)
                        from provisioning_event
                        where occurred_at > :since and occurred_at <= :now
                        group by 1, 2, 3""")
                .param("since", Timestamp.from(now.minus(window)))
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
                .list();
        var byNode = new HashMap<String, Window>();
        for (Row row : rows) {
            var w = byNode.getOrDefault(row.node(), new Window(0, 0, new HashMap<>()));
            boolean rejected = row.outcome().equals("rejected");
            if (rejected) {
                w.reasons().merge(row.reason(), row.count(), Long::sum);
            }
            byNode.put(row.node(), new Window(w.requests() + row.count(), w.rejected() + (rejected ? row.count() : 0),
                    w.reasons()));
        }
        return byNode;
    }

    /** Each node's rejection rate over the seven whole UTC days before today. */
    Map<String, Double> usualRejectionRates(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        var rates = new HashMap<String, Double>();
        jdbc.sql("""
                        select server_node, sum(requests) filter (where outcome = 'rejected'), sum(requests)
                        from usage_daily_now
                        where day >= :from and day < :today
                        group by server_node""")
                .param("from", Date.valueOf(today.minusDays(7)))
                .param("today", Date.valueOf(today))
                .query(rs -> {
                    long total = rs.getLong(3);
                    rates.put(rs.getString(1), total == 0 ? 0 : (double) rs.getLong(2) / total);
                });
        return rates;
    }

    List<NodeAlert> openAlerts() {
        return jdbc.sql(SELECT_ALERT + " where resolved_at is null order by raised_at").query((rs, n) -> alert(rs)).list();
    }

    List<NodeAlert> recentAlerts(int limit) {
        return jdbc.sql(SELECT_ALERT + " order by raised_at desc limit ?").param(limit).query((rs, n) -> alert(rs)).list();
    }

    /** Opens an alert unless one of its node and kind is open; the partial unique index decides races. */
    Optional<NodeAlert> raise(String node, String kind, Instant at, String summary) {
        return jdbc.sql("""
                        insert into node_alert (node, kind, raised_at, summary) values (?, ?, ?, ?)
                        on conflict (node, kind) where resolved_at is null do nothing
                        returning id, node, kind, raised_at, summary, resolved_at""")
                .params(node, kind, Timestamp.from(at), summary)
                .query((rs, n) -> alert(rs)).optional();
    }

    Optional<NodeAlert> resolve(String node, String kind, Instant at) {
        return jdbc.sql("""
                        update node_alert set resolved_at = greatest(cast(? as timestamptz), raised_at)
                        where node = ? and kind = ? and resolved_at is null
                        returning id, node, kind, raised_at, summary, resolved_at""")
                .params(Timestamp.from(at), node, kind)
                .query((rs, n) -> alert(rs)).optional();
    }

    private static final String SELECT_ALERT = "select id, node, kind, raised_at, summary, resolved_at from node_alert";

    private static NodeAlert alert(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new NodeAlert(rs.getLong("id"), rs.getString("node"), rs.getString("kind"),
                rs.getTimestamp("raised_at").toInstant(), rs.getString("summary"),
                Optional.ofNullable(rs.getTimestamp("resolved_at")).map(Timestamp::toInstant));
    }

    static List<NodeHealth.ReasonShare> reasons(Window window) {
        var reasons = new ArrayList<NodeHealth.ReasonShare>();
        window.reasons().forEach((reason, count) -> reasons.add(new NodeHealth.ReasonShare(reason, count)));
        reasons.sort((x, y) -> Long.compare(y.count(), x.count()));
        return reasons;
    }
}
