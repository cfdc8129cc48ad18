package com.devicecreds.portal.demo;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.devicecreds.portal.PortalProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Plays the provisioning service against the database so the demo world keeps moving: every tick,
 * the requests due at the configured mean rate (Poisson) are made up and handled one by one.
 * Starts when the application is ready, that is after the demo world was seeded, and stops first
 * at shutdown, waiting for the request in hand, before the web server and the database go.
 */
@Component
@ConditionalOnProperty(name = "portal.simulator.enabled", havingValue = "true")
class ProvisioningSimulator implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProvisioningSimulator.class);
    private static final Duration RESAMPLE_EVERY = Duration.ofMinutes(5);

    private final DeviceRequestHandler handler;
    private final SimulatedWorld world;
    private final PortalProperties.Simulator settings;
    private final SplittableRandom random = new SplittableRandom();
    private final Map<ProvisioningOutcome, Integer> tally = new EnumMap<>(ProvisioningOutcome.class);
    private volatile boolean running;
    /** Cleared at once when the JVM begins to shut down, before Spring stops this bean. */
    private volatile boolean sending;
    /**
     * JVM shutdown hooks run in parallel: the embedded database's own hook may stop the server
     * before Spring's context closes. This one stops new requests at once on Ctrl-C, so that a
     * request cut off by the stopping database is not reported as a failure.
     */
    private final Thread shutdownSignal = new Thread(() -> sending = false, "provisioning-simulator-shutdown");
    private ScheduledExecutorService executor;
    private SimulatedTraffic traffic;
    private long sampledAt;

    ProvisioningSimulator(DeviceRequestHandler handler, JdbcClient jdbc, PortalProperties properties) {
        this.handler = handler;
        this.world = new SimulatedWorld(jdbc);
        this.settings = properties.simulator();
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        start();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        sending = true;
        Runtime.getRuntime().addShutdownHook(shutdownSignal);
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("provisioning-simulator")
                .daemon().factory());
        long tick = settings.tick().toMillis();
        executor.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
        log.info("Provisioning simulator started: {} requests per second", settings.requestsPerSecond());
    }

    @Override
    public synchronized void stop() {
        running = false;
        sending = false;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownSignal);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook has run or is running: nothing to remove.
        }
        if (executor != null) {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                executor.shutdownNow();
                Thread.currentThread().interrupt();
            }
            log.info("Provisioning simulator stopped");
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return false;
    }

    /** Stops before anything else (the web server's graceful shutdown, the database). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    private void tick() {
        if (!sending) {
            return;
        }
        try {
            if (traffic == null || System.nanoTime() - sampledAt > RESAMPLE_EVERY.toNanos()) {
                resample();
            }
            if (traffic == null) {
                return;
            }
            int due = poisson(settings.requestsPerSecond() * settings.tick().toMillis() / 1000.0);
            for (int i = 0; i < due && sending; i++) {
                var planned = traffic.next();
                var result = handler.handle(planned.request());
                tally.merge(result.outcome(), 1, Integer::sum);
                if (result.outcome() == ProvisioningOutcome.DELIVERED) {
                    planned.fleet().delivered(planned.device() != null ? planned.device()
                            : new SimulatedFleet.Device(planned.request().deviceId(), planned.request().reportedModel()));
                }
            }
        } catch (RuntimeException e) {
            if (sending) {
                log.warn("Simulated request failed; carrying on", e);
            } else {
                log.debug("Simulated request cut off by shutdown", e);
            }
        }
    }

    private void resample() {
        List<SimulatedFleet> fleets = world.load();
        sampledAt = System.nanoTime();
        if (!tally.isEmpty()) {
            log.info("Provisioning simulator, since the last sample: {}", tally);
            tally.clear();
        }
        if (fleets.isEmpty()) {
            log.info("Provisioning simulator: no operators are authorized for any credential type yet; waiting");
            traffic = null;
        } else {
            traffic = new SimulatedTraffic(fleets, random.split());
        }
    }

    private int poisson(double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= random.nextDouble();
            n++;
        }
        return n;
    }
}
