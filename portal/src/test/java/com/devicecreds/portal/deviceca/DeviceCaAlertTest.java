package com.devicecreds.portal.deviceca;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import com.devicecreds.portal.PortalProperties;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.security.ApproverStepUp;
import com.devicecreds.portal.change.ConfigChangeService;
import com.devicecreds.portal.change.ConfirmedApproval;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The device CA monitor on a clock moved ahead: a CA expiring within the warning days and a CRL past
 * its next update each raise one alert (with one notification and its e-mails), never twice, and are
 * resolved when the cause is gone.
 */
@PortalTest
class DeviceCaAlertTest {

    @Autowired
    DeviceCaService cas;
    @Autowired
    ConfigChangeService changes;
    @Autowired
    ApproverStepUp stepUp;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PortalProperties properties;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void an_expiring_ca_and_a_stale_crl_alert_once_each_and_resolve_when_renewed_or_removed() {
        var world = new CaWorld(jdbc);
        Instant now = CaWorld.NOW;
        long rootId;
        long subId;
        try (var anna = DeviceCaTrustTest.as("pki.anna")) {
            long add = cas.requestAdd(world.operator, world.type, CaWorld.pem(world.root.certificate(), world.sub.certificate())).id();
            try (var ben = DeviceCaTrustTest.as("pki.ben")) {
                ConfirmedApproval.approve(changes, stepUp, add);
            }
            var trusted = cas.trusted(world.operator, world.type);
            rootId = trusted.getFirst().id();
            subId = trusted.get(1).id();
            cas.uploadCrl(rootId, world.root.crl(now, Optional.of(now.plus(Duration.ofDays(7))), List.of(BigInteger.ONE)));
        }
        // Today nothing is wrong with this world's CAs.
        evaluateAt(now);
        assertThat(open(rootId)).isEmpty();
        assertThat(open(subId)).isEmpty();

        // 980 days on: the sub-CA (1000 days) expires within 30 days, and the root's CRL is long past its next update.
        Instant later = now.plus(Duration.ofDays(980));
        evaluateAt(later);
        evaluateAt(later.plusSeconds(3600));
        assertThat(open(subId)).containsExactly("expiring");
        assertThat(open(rootId)).containsExactly("crl-stale");
        assertThat(notifications("device-ca-alert-raised", subId)).containsExactly(
                "Device CA expiring (" + world.operator.code() + ")");
        assertThat(notifications("device-ca-alert-raised", rootId)).containsExactly(
                "Device CA revocation list stale (" + world.operator.code() + ")");
        assertThat(jdbc.sql("""
                        select count(*) from mail_outbox m join notification n on n.id = m.notification_id
                        where n.source_kind = 'device-ca-alert-raised'
                          and n.source_id in (select id::text from device_ca_alert where device_ca_id in (?, ?))""")
                .params(rootId, subId).query(Long.class).single()).isEqualTo(2L * properties.notifications().pkiOpsAddresses().size());

        // A renewed CRL resolves the stale alert; removing the sub-CA resolves its expiry alert.
        try (var ben = DeviceCaTrustTest.as("pki.ben")) {
            cas.uploadCrl(rootId, world.root.crl(later.minusSeconds(60), Optional.of(later.plus(Duration.ofDays(7))), List.of()));
            long removal = cas.requestRemoval(subId, "replaced").id();
            try (var anna = DeviceCaTrustTest.as("pki.anna")) {
                ConfirmedApproval.approve(changes, stepUp, removal);
            }
        }
        evaluateAt(later.plusSeconds(7200));
        assertThat(open(rootId)).isEmpty();
        assertThat(open(subId)).isEmpty();
        assertThat(jdbc.sql("select count(*) from device_ca_alert where device_ca_id in (?, ?)").params(rootId, subId)
                .query(Long.class).single()).isEqualTo(2);
        assertThat(notifications("device-ca-alert-resolved", rootId)).containsExactly(
                "Device CA revocation list renewed (" + world.operator.code() + ")");
        assertThat(notifications("device-ca-alert-resolved", subId)).hasSize(1);
    }

    @Test
    void an_expired_ca_alerts_with_the_expiry_in_the_past() {
        var world = new CaWorld(jdbc);
        long rootId;
        try (var anna = DeviceCaTrustTest.as("pki.anna")) {
            long add = cas.requestAdd(world.operator, world.type, CaWorld.pem(world.root.certificate())).id();
            try (var ben = DeviceCaTrustTest.as("pki.ben")) {
                ConfirmedApproval.approve(changes, stepUp, add);
            }
            rootId = cas.trusted(world.operator, world.type).getFirst().id();
        }
        evaluateAt(CaWorld.NOW.plus(Duration.ofDays(3700)));
        assertThat(jdbc.sql("select summary from device_ca_alert where device_ca_id = ? and resolved_at is null")
                .param(rootId).query(String.class).single()).contains("expired on", "devices of this pair are refused");
    }

    private void evaluateAt(Instant at) {
        var monitor = new DeviceCaMonitor(jdbc, Clock.fixed(at, ZoneOffset.UTC), properties, events);
        new TransactionTemplate(transactions).executeWithoutResult(status -> monitor.evaluate());
    }

    private List<String> open(long caId) {
        return jdbc.sql("select kind from device_ca_alert where device_ca_id = ? and resolved_at is null order by kind")
                .param(caId).query(String.class).list();
    }

    private List<String> notifications(String kind, long caId) {
        return jdbc.sql("""
                        select title from notification where source_kind = ?
                          and source_id in (select id::text from device_ca_alert where device_ca_id = ?)""")
                .params(kind, caId).query(String.class).list();
    }
}
