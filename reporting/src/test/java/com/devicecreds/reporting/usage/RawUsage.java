package com.devicecreds.reporting.usage;

import com.devicecreds.access.OperatorScope;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The usage statement run over the events themselves instead of the rollups: the expectation of the
 * tests and the baseline of the benchmark. Events are read only for the days asked (partitions are
 * pruned on occurred_at), then grouped exactly like the rollups.
 */
final class RawUsage {

    static final String EVENTS_AS_DAYS = """
            (select (e.occurred_at at time zone 'UTC')::date as day, e.operator_id, e.credential_type_id, e.outcome,
                    e.rejection_reason, 1 as requests
             from provisioning_event e
             where e.occurred_at >= cast(:previousFrom as timestamp) at time zone 'UTC'
               and e.occurred_at < (cast(:to as timestamp) + interval '1 day') at time zone 'UTC')""";

    private RawUsage() {
    }

    static UsageReport report(JdbcClient jdbc, OperatorScope scope, UsageQuery query) {
        return UsageRollups.report(jdbc, UsageRollups.USAGE.formatted(EVENTS_AS_DAYS), scope, query);
    }
}
