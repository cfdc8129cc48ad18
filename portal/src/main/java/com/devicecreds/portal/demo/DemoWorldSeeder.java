package com.devicecreds.portal.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import com.devicecreds.portal.PortalProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills a database that has no operators with the demo world. The history is planned in memory,
 * the small tables are inserted and committed, and the three big tables are streamed in parallel,
 * each on its own connection and transaction; those are committed only when all three succeeded,
 * and the small tables are removed again otherwise, so that a failed seeding is retried at the
 * next start rather than leaving half a world that would never be seeded again.
 */
final class DemoWorldSeeder {

    private static final Logger log = LoggerFactory.getLogger(DemoWorldSeeder.class);
    /** Advisory lock key: two portal nodes starting on one empty database seed it once. */
    private static final long SEED_LOCK = 0x64656d6f776f726cL;

    private final DataSource dataSource;
    private final PortalProperties.Demo settings;
    private final Clock clock;

    DemoWorldSeeder(DataSource dataSource, PortalProperties.Demo settings, Clock clock) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.clock = clock;
    }

    /** Seeds when the database holds no operator; empty when there was nothing to do. */
    Optional<SeedReport> seedIfEmpty() throws SQLException {
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(true);
            Sql.run(lock, "select pg_advisory_lock(?)", SEED_LOCK);
            try {
                if (Sql.longValue(lock, "select count(*) from operator") > 0) {
                    return Optional.empty();
                }
                return Optional.of(seed());
            } finally {
                Sql.run(lock, "select pg_advisory_unlock(?)", SEED_LOCK);
            }
        }
    }

    private SeedReport seed() throws SQLException {
        var phases = new LinkedHashMap<String, Duration>();
        log.info("Seeding the demo world: {} provisioning events over {} days, random seed {}", settings.events(),
                settings.historyDays(), settings.randomSeed());
        long started = System.nanoTime();
        long lap = started;

        var plan = new WorldPlan(settings.events(), settings.historyDays(), settings.randomSeed(), clock.instant());
        var history = new HistoryGenerator(plan).generate(settings.events());
        lap = lap(phases, "plan and generate history in memory", lap);

        ReferenceData ids;
        long firstCredential;
        long firstEvent;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Sql.run(c, "select provisioning_event_ensure_partitions(?, ?)",
                    plan.start.atOffset(ZoneOffset.UTC).toLocalDate(),
                    plan.end.atOffset(ZoneOffset.UTC).toLocalDate().plusMonths(3));
            ids = ReferenceData.insert(c, plan, history);
            firstCredential = Sql.longValue(c, "select nextval(pg_get_serial_sequence('credential', 'id'))");
            firstEvent = Sql.longValue(c, "select nextval('provisioning_event_id_seq')");
            c.commit();
        }
        lap = lap(phases, "partitions and reference data", lap);

        var bulk = new BulkTables(plan, history, ids, firstCredential);
        Map<String, Long> copied;
        try {
            copied = copyInParallel(bulk, firstEvent, phases);
        } catch (SQLException | RuntimeException e) {
            removeReferenceData(ids);
            throw e;
        }
        lap = lap(phases, "bulk copy, all tables (wall time)", lap);

        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            Sql.run(c, "select setval(pg_get_serial_sequence('credential', 'id'), ?)",
                    firstCredential + Math.max(bulk.credentialCount(), 1) - 1);
            Sql.run(c, "select setval('provisioning_event_id_seq', ?)", firstEvent + Math.max(history.size, 1) - 1);
            Sql.run(c, "analyze");
        }
        lap = lap(phases, "sequences and analyze", lap);

        int rollouts;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            rollouts = DemoRollouts.seed(c, clock.instant());
        }
        lap(phases, "rollouts", lap);

        var counts = new LinkedHashMap<String, Long>();
        counts.put("operators", (long) plan.operators.size());
        counts.put("deviceModels", (long) plan.models.size());
        counts.put("credentialTypes", (long) plan.types.size());
        counts.put("typeAuthorizations", (long) ids.typeAuthorizations);
        counts.put("modelAuthorizations", (long) ids.modelAuthorizations);
        counts.put("batches", (long) history.batches.stream().mapToInt(List::size).sum());
        counts.put("rollouts", (long) rollouts);
        counts.put("listParts", (long) plan.fleets.stream().mapToInt(WorldPlan.Fleet::listParts).sum());
        counts.putAll(copied);
        counts.put("historyDays", (long) settings.historyDays());
        var report = new SeedReport(counts, phases, Duration.ofNanos(System.nanoTime() - started));
        log.info("Demo world seeded in {} ms: {}", report.total().toMillis(), report.counts());
        report.phases().forEach((phase, took) -> log.info("  {} ms  {}", took.toMillis(), phase));
        return report;
    }

    /** Streams the three tables at once; commits all or none. */
    private Map<String, Long> copyInParallel(BulkTables bulk, long firstEvent, Map<String, Duration> phases)
            throws SQLException {
        record Copy(String name, String table, SqlWork work) {
        }
        var copies = List.of(new Copy("credentials", "credential", bulk::copyCredentials),
                new Copy("authorizedDevices", "authorized_device", bulk::copyAuthorizedDevices),
                new Copy("events", "provisioning_event", c -> bulk.copyEvents(c, firstEvent)));
        var connections = new ArrayList<Connection>();
        var results = new LinkedHashMap<String, Long>();
        try (var executor = Executors.newFixedThreadPool(copies.size())) {
            var futures = new ArrayList<Future<Long>>();
            for (var copy : copies) {
                Connection c = dataSource.getConnection();
                connections.add(c);
                c.setAutoCommit(false);
                futures.add(executor.submit(() -> {
                    long started = System.nanoTime();
                    // Losing the last commit in a crash only means seeding again at the next start.
                    Sql.run(c, "set local synchronous_commit = off");
                    var deferred = DeferredIndexes.drop(c, copy.table());
                    long rows = copy.work().copy(c);
                    long copied = System.nanoTime();
                    deferred.restore(c);
                    synchronized (phases) {
                        phases.put("copy " + copy.name() + " (" + rows + " rows, in parallel)",
                                Duration.ofNanos(copied - started));
                        phases.put("index " + copy.name(), Duration.ofNanos(System.nanoTime() - copied));
                    }
                    return rows;
                }));
            }
            for (int i = 0; i < copies.size(); i++) {
                results.put(copies.get(i).name(), futures.get(i).get());
            }
            for (Connection c : connections) {
                c.commit();
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Seeding interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException("Copying the demo world failed", e.getCause());
        } finally {
            for (Connection c : connections) {
                closeQuietly(c);
            }
        }
    }

    private void removeReferenceData(ReferenceData ids) {
        log.warn("Seeding the demo world failed; removing its reference data so the next start tries again");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Sql.run(c, "delete from operator_contact where operator_id = any(?)", (Object) ids.operatorIds);
            Sql.run(c, "delete from authorized_list_part where operator_id = any(?)", (Object) ids.operatorIds);
            Sql.run(c, "delete from model_authorization where operator_id = any(?)", (Object) ids.operatorIds);
            Sql.run(c, "delete from type_authorization where operator_id = any(?)", (Object) ids.operatorIds);
            Sql.run(c, "delete from credential_batch where credential_type_id = any(?)", (Object) ids.typeIds);
            Sql.run(c, "delete from credential_type where id = any(?)", (Object) ids.typeIds);
            Sql.run(c, "delete from device_model where id = any(?)", (Object) ids.modelIds);
            Sql.run(c, "delete from operator where id = any(?)", (Object) ids.operatorIds);
            c.commit();
        } catch (SQLException e) {
            log.error("Could not remove the demo world's reference data; clear the database before the next start", e);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            c.close();
        } catch (SQLException e) {
            log.debug("Closing a seeding connection failed", e);
        }
    }

    private static long lap(Map<String, Duration> phases, String phase, long since) {
        long now = System.nanoTime();
        phases.put(phase, Duration.ofNanos(now - since));
        return now;
    }

    @FunctionalInterface
    interface SqlWork {
        long copy(Connection connection) throws SQLException;
    }
}
