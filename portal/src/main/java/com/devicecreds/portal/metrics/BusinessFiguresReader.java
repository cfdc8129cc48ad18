package com.devicecreds.portal.metrics;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import com.devicecreds.access.OperatorScope;
import com.devicecreds.inventory.loading.approval.AwaitingBatches;
import com.devicecreds.inventory.pool.PoolSummaries;
import com.devicecreds.portal.notification.OutboxBacklog;
import com.devicecreds.reporting.usage.UsageRollups;
import com.devicecreds.reporting.usage.UsageTotal;
import org.springframework.stereotype.Component;

/**
 * Reads the business figures as the system, across all operators, through the same queries the pages
 * use (pools, usage rollups, approval inbox, outbox). It runs on the metrics' own thread, which carries
 * no user: row-level security gives it every operator's rows (docs/decisions/018).
 *
 * <p>Request totals are summed from the daily rollups, never from the events: some ten thousand rows
 * per operator and year, read once per refresh interval, however often Prometheus scrapes.
 */
@Component
class BusinessFiguresReader {

    private static final LocalDate BEGINNING = LocalDate.of(2000, 1, 1);

    private final PoolSummaries pools;
    private final UsageRollups rollups;
    private final AwaitingBatches batches;
    private final OutboxBacklog outbox;
    private final AuditStatusReader audit;
    private final Clock clock;

    BusinessFiguresReader(PoolSummaries pools, UsageRollups rollups, AwaitingBatches batches, OutboxBacklog outbox,
            AuditStatusReader audit, Clock clock) {
        this.pools = pools;
        this.rollups = rollups;
        this.batches = batches;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    BusinessFigures read() {
        Instant now = clock.instant();
        return new BusinessFigures(pools.of(OperatorScope.all()), requests(now), batches.count(OperatorScope.all()),
                outbox.now(), audit.read(), now);
    }

    private List<UsageTotal> requests(Instant now) {
        // Up to a day after today: an event stamped a little ahead of this node's clock still counts.
        return rollups.totals(OperatorScope.all(), BEGINNING, LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1));
    }
}
