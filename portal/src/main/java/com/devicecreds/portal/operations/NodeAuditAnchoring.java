package com.devicecreds.portal.operations;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.devicecreds.audit.AuditProperties;
import com.devicecreds.audit.verify.AuditAnchors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Anchors the audit chain's head in this node's anchor file every {@code audit.anchor-interval} when
 * no line of the file covers it yet. Rows are witnessed in the file of the node that committed them;
 * the head anchor brings the rows other nodes wrote into this node's file too, so that each node's
 * file alone vouches for the whole chain. That is why this runs on every node, on a timer of its own,
 * and not on the clustered scheduler, which would fire it on one node only
 * (docs/decisions/024-insider-threat-model.md, docs/decisions/036-several-nodes.md).
 */
@Component
class NodeAuditAnchoring implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NodeAuditAnchoring.class);
    private static final Duration FIRST_AFTER = Duration.ofSeconds(30);

    private final AuditAnchors anchors;
    private final Duration interval;
    private ScheduledExecutorService executor;

    NodeAuditAnchoring(AuditAnchors anchors, AuditProperties audit) {
        this.anchors = anchors;
        this.interval = audit.anchorInterval();
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("audit-anchoring").daemon().factory());
        long first = Math.min(FIRST_AFTER.toMillis(), interval.toMillis());
        executor.scheduleWithFixedDelay(this::anchor, first, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void anchor() {
        try {
            anchors.anchorHead().ifPresent(anchor -> log.info("Audit anchor written: row {} {}", anchor.seq(), anchor.hashHex()));
        } catch (RuntimeException e) {
            // The next run tries again; a head left unanchored for two intervals shows as "Could not verify".
            log.warn("Audit anchor not written", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
