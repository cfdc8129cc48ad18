package com.devicecreds.portal.demo;

import java.time.Clock;

import javax.sql.DataSource;

import com.devicecreds.access.Actor;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditRecord;
import com.devicecreds.portal.PortalProperties;
import com.devicecreds.portal.database.SchemaOwner;
import com.devicecreds.portal.deviceca.DemoDeviceCas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo world at start when {@code portal.demo.enabled} is set and the database holds no
 * operator yet, so a restart never seeds twice. Runs after the web server is up: the login page is
 * served while the world is being made, and the simulator starts once this is done. The bulk load
 * runs as the schema's owner (COPY, partitions, deferred indexes, analyze); the rest as the application.
 */
@Component
@ConditionalOnProperty(name = "portal.demo.enabled", havingValue = "true")
class DemoWorldRunner implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoWorldRunner.class);

    private final DemoWorldSeeder seeder;
    private final AuditLog auditLog;
    private final JdbcClient jdbc;
    private final DemoDeviceCas deviceCas;
    private final Clock clock;

    DemoWorldRunner(@SchemaOwner DataSource dataSource, PortalProperties properties, Clock clock, AuditLog auditLog, JdbcClient jdbc,
            DemoDeviceCas deviceCas) {
        this.seeder = new DemoWorldSeeder(dataSource, properties.demo(), clock);
        this.auditLog = auditLog;
        this.jdbc = jdbc;
        this.deviceCas = deviceCas;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        seeder.seedIfEmpty().ifPresentOrElse(this::audit,
                () -> log.info("Demo world: the database already holds operators; nothing seeded"));
        int cas = deviceCas.seedIfNone(clock.instant());
        if (cas > 0) {
            log.info("Demo world: {} device CAs trusted for the operators' credential types", cas);
        }
        if (DemoFacility.trust(jdbc)) {
            log.info("Demo world: the demo key generation facility's certificate is trusted for credential packages");
        }
    }

    private void audit(SeedReport report) {
        var record = AuditRecord.of(Actor.SYSTEM, AuditAction.DEMO_WORLD_SEEDED, AuditOutcome.SUCCESS, "demo world")
                .withDetail("millis", report.total().toMillis());
        for (var count : report.counts().entrySet()) {
            record = record.withDetail(count.getKey(), count.getValue());
        }
        auditLog.record(record);
    }
}
