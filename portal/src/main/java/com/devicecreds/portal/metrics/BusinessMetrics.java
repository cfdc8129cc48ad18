package com.devicecreds.portal.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.devicecreds.inventory.pool.PoolSummary;
import com.devicecreds.portal.PortalProperties;
import com.devicecreds.reporting.usage.UsageTotal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The business figures as Micrometer meters on /actuator/prometheus. A thread of its own reads them
 * from the database every {@code portal.metrics.refresh-interval}; a scrape only reads the last
 * figures, so however often Prometheus scrapes, the database sees one reading per interval and node.
 * Labels are bounded: operator code ({@code shared} for a shared pool), credential type code, outcome.
 * See docs/decisions/029-business-metrics-and-scraping.md.
 */
@Component
class BusinessMetrics implements SmartLifecycle {

    static final String SHARED = "shared";
    private static final Logger log = LoggerFactory.getLogger(BusinessMetrics.class);

    private final BusinessFiguresReader reader;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Duration interval;

    private final MultiGauge available;
    private final MultiGauge bound;
    private final MultiGauge runway;
    private final MultiGauge level;
    private final Map<Tags, AtomicLong> requests = new ConcurrentHashMap<>();
    private final Counter failures;
    private volatile BusinessFigures figures;
    private ScheduledExecutorService refresher;

    BusinessMetrics(BusinessFiguresReader reader, MeterRegistry registry, Clock clock, PortalProperties properties) {
        this.reader = reader;
        this.registry = registry;
        this.clock = clock;
        this.interval = properties.metrics().refreshInterval();
        available = MultiGauge.builder("portal.pool.available.credentials")
                .description("Credentials available in the pool").register(registry);
        bound = MultiGauge.builder("portal.pool.bound.credentials")
                .description("Credentials of the pool bound to devices").register(registry);
        runway = MultiGauge.builder("portal.pool.runway.days")
                .description("Days until the pool is empty at its 7-day average; absent without consumption").register(registry);
        level = MultiGauge.builder("portal.pool.alert.level")
                .description("The pool's alert level: 0 ok, 1 warning, 2 critical, 3 empty").register(registry);
        failures = Counter.builder("portal.business.metrics.refresh.failures")
                .description("Readings of the business figures that failed").register(registry);
        scalar("portal.batches.awaiting.approval", "Staged credential batches waiting for their approvals",
                f -> f.batches().awaitingApproval());
        scalar("portal.batches.awaiting.activation", "Approved credential batches waiting for activation",
                f -> f.batches().awaitingActivation());
        scalar("portal.mail.outbox.pending", "E-mails queued and not delivered yet", f -> f.outbox().pending());
        scalar("portal.mail.outbox.failed", "E-mails the sender gave up on", f -> f.outbox().failed());
        scalar("portal.mail.outbox.oldest.pending.age.seconds", "Age of the oldest e-mail still to deliver (0 when none)",
                f -> f.outbox().oldestPending().map(this::ageSeconds).orElse(0.0));
        scalar("portal.audit.verification.intact", "1 if the last verification of the audit trail found it intact, 0 if it found tampering",
                f -> f.audit().lastVerificationIntact().map(intact -> intact ? 1.0 : 0.0).orElse(Double.NaN));
        scalar("portal.audit.verification.age.seconds", "Time since the audit trail was last verified",
                f -> age(f.audit().lastVerifiedAt()));
        scalar("portal.audit.anchor.age.seconds", "Time since the last anchor of the audit chain was written",
                f -> age(f.audit().lastAnchorAt()));
        scalar("portal.business.metrics.age.seconds", "Time since the business figures were read", f -> ageSeconds(f.readAt()));
    }

    private void scalar(String name, String description, java.util.function.ToDoubleFunction<BusinessFigures> value) {
        Gauge.builder(name, this, metrics -> metrics.figures == null ? Double.NaN : value.applyAsDouble(metrics.figures))
                .description(description).register(registry);
    }

    /** Reads the figures now and publishes them; a failed reading keeps the last figures and is counted. */
    synchronized void refresh() {
        try {
            publish(reader.read());
        } catch (RuntimeException e) {
            failures.increment();
            log.warn("Reading the business figures for the metrics failed; the last ones stay published", e);
        }
    }

    private void publish(BusinessFigures read) {
        available.register(read.pools().stream().map(p -> MultiGauge.Row.of(poolTags(p), p.available())).toList(), true);
        bound.register(read.pools().stream().map(p -> MultiGauge.Row.of(poolTags(p), p.bound())).toList(), true);
        runway.register(read.pools().stream().filter(p -> p.runwayDays().isPresent())
                .map(p -> MultiGauge.Row.of(poolTags(p), p.runwayDays().getAsDouble())).toList(), true);
        level.register(read.pools().stream().map(p -> MultiGauge.Row.of(poolTags(p), p.level().ordinal())).toList(), true);
        for (UsageTotal total : read.requests()) {
            var tags = Tags.of("operator", total.operatorCode(), "type", total.typeCode(), "outcome", total.outcome());
            requests.computeIfAbsent(tags, t -> {
                var value = new AtomicLong();
                FunctionCounter.builder("portal.provisioning.requests", value, AtomicLong::get)
                        .description("Provisioning requests by operator, credential type and outcome, from the usage rollups")
                        .tags(t).register(registry);
                return value;
            }).set(total.requests());
        }
        figures = read;
    }

    static Tags poolTags(PoolSummary pool) {
        return Tags.of("operator", pool.operator().map(o -> o.code()).orElse(SHARED), "type", pool.typeCode());
    }

    private double age(Optional<Instant> at) {
        return at.map(this::ageSeconds).orElse(Double.NaN);
    }

    private double ageSeconds(Instant at) {
        return Math.max(0, Duration.between(at, clock.instant()).toMillis() / 1000.0);
    }

    @Override
    public synchronized void start() {
        refresher = Executors.newSingleThreadScheduledExecutor(task -> {
            var thread = new Thread(task, "business-metrics");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (refresher != null) {
            refresher.shutdownNow();
            refresher = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return refresher != null;
    }
}
