package com.devicecreds.reporting.usage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

/**
 * Inserts provisioning events through the partitioned root in one statement per batch, as the
 * provisioning service does (so the statement-level trigger sees each batch as one statement).
 * Each connection runs in a time zone far from UTC, to show that days are UTC days whatever the
 * session's zone.
 */
final class EventWriter {

    static final List<String> OUTCOMES = List.of("delivered", "re-delivered", "rejected");
    static final List<String> REASONS = List.of("not-on-authorized-list", "pool-empty", "model-not-authorized",
            "certificate-revoked");
    static final List<String> NODES = List.of("prov-a", "prov-b", "prov-c");

    private EventWriter() {
    }

    record Event(Instant at, short operator, int type, String outcome, String reason, String node) {
    }

    static void insert(DataSource dataSource, List<Event> batch) {
        try (Connection c = dataSource.getConnection()) {
            try (var s = c.createStatement()) {
                s.execute("set time zone 'Pacific/Kiritimati'");
            }
            try (var s = c.prepareStatement("""
                    insert into provisioning_event (occurred_at, operator_id, credential_type_id, device_id, device_id_kind,
                                                    server_node, outcome, rejection_reason, credential_id)
                    select at, op, type, 'DEV' || lpad(n::text, 9, '0'), 'serial', node, outcome, reason,
                           case when reason is null then n end
                    from unnest(?::timestamptz[], ?::smallint[], ?::integer[], ?::text[], ?::text[], ?::text[])
                             with ordinality as e(at, op, type, outcome, reason, node, n)""")) {
                // ISO-8601 with its Z: a java.sql.Timestamp would be sent without offset and read in the session's zone.
                s.setArray(1, c.createArrayOf("text", batch.stream().map(e -> e.at().toString()).toArray()));
                s.setArray(2, c.createArrayOf("int2", batch.stream().map(Event::operator).toArray()));
                s.setArray(3, c.createArrayOf("int4", batch.stream().map(Event::type).toArray()));
                s.setArray(4, c.createArrayOf("text", batch.stream().map(Event::outcome).toArray()));
                s.setArray(5, c.createArrayOf("text", batch.stream().map(Event::reason).toArray()));
                s.setArray(6, c.createArrayOf("text", batch.stream().map(Event::node).toArray()));
                s.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
