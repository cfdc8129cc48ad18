package com.devicecreds.inventory.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

import com.devicecreds.access.OperatorScope;
import com.devicecreds.inventory.threshold.ThresholdService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evaluates every pool against its thresholds, one transaction per pool: the state row, the alert
 * rows and the published {@link PoolAlertRaised}/{@link PoolAlertResolved} commit together (the
 * notification outbox listens before commit). Run by a Quartz job on one node per firing.
 */
@Component
public class AlertEngine {

    private static final Logger log = LoggerFactory.getLogger(AlertEngine.class);

    private final PoolMeasurements measurements;
    private final ThresholdService thresholds;
    private final AlertStore store;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final PoolStateMachine machine = new PoolStateMachine();

    AlertEngine(PoolMeasurements measurements, ThresholdService thresholds, AlertStore store,
            ApplicationEventPublisher events, PlatformTransactionManager transactions, Clock clock) {
        this.measurements = measurements;
        this.thresholds = thresholds;
        this.store = store;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Evaluates all pools now; a failing pool is logged and does not stop the others. */
    public void evaluateAll() {
        Instant now = clock.instant();
        for (var pool : measurements.measure(OperatorScope.all(), now)) {
            try {
                transaction.executeWithoutResult(status -> evaluate(pool, now));
            } catch (RuntimeException e) {
                log.error("Inventory alert evaluation failed for pool {} ({})", pool.poolName(), pool.credentialTypeId(), e);
            }
        }
    }

    private void evaluate(PoolMeasurement pool, Instant now) {
        int type = pool.credentialTypeId();
        var previous = store.lockState(type).orElse(PoolState.INITIAL);
        var evaluation = machine.evaluate(previous, pool, thresholds.thresholdsOf(type), now);
        store.saveState(type, evaluation.next(), now);
        pool.lastBatchActivatedAt().ifPresent(at -> store.endSnoozesOnNewBatch(type, at));
        for (var transition : evaluation.transitions()) {
            switch (transition) {
                case Transition.Raise raise -> raise(pool, raise, now);
                case Transition.Resolve resolve -> store.resolve(type, resolve, now).forEach(alert ->
                        events.publishEvent(new PoolAlertResolved(alert.id(), type, pool.poolName(), pool.operator(),
                                alert.kind(), resolvedSummary(pool, alert), now)));
            }
        }
    }

    private void raise(PoolMeasurement pool, Transition.Raise raise, Instant now) {
        String summary = summary(pool, raise);
        long id = store.insert(pool.credentialTypeId(), raise, pool.available(), summary, now);
        log.info("Inventory alert {}: {}", id, summary);
        events.publishEvent(new PoolAlertRaised(id, pool.credentialTypeId(), pool.poolName(), pool.operator(),
                raise.kind(), raise.to(), pool.available(), summary, now));
    }

    static String summary(PoolMeasurement pool, Transition.Raise raise) {
        String runway = Double.isInfinite(pool.runwayDays()) ? "no recent consumption"
                : String.format(Locale.ROOT, "%.1f days of runway", pool.runwayDays());
        return switch (raise.kind()) {
            case LEVEL -> raise.to() == PoolLevel.EMPTY
                    ? pool.poolName() + " is empty: devices asking for it are refused. Load a batch now."
                    : pool.poolName() + " is at " + raise.to().name().toLowerCase(Locale.ROOT) + " level: " + pool.available()
                            + " available, " + runway + ". Order or load keys.";
            case RUNWAY -> pool.poolName() + " has " + runway + ", less than the key-generation lead time."
                    + " Order keys now.";
        };
    }

    private static String resolvedSummary(PoolMeasurement pool, InventoryAlert alert) {
        return pool.poolName() + " recovered: " + pool.available() + " available (" + alert.kind().name()
                .toLowerCase(Locale.ROOT) + " alert resolved).";
    }
}
