package com.devicecreds.portal.deviceca;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.devicecreds.portal.PortalProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Watches the trusted device CAs, run by a clustered job every {@code portal.device-cas.alert-interval}:
 * a CA that expires within {@code expiry-warning-days} (or has expired) and a CA whose CRL is past its
 * next update each raise exactly one alert, resolved when the cause is gone (renewed CRL, CA removed).
 * Raising and resolving publish {@link DeviceCaAlert.Raised} and {@link DeviceCaAlert.Resolved} in the
 * same transaction, which the notifications turn into bell entries and e-mails.
 */
@Component
public class DeviceCaMonitor {

    static final String EXPIRING = "expiring";
    static final String CRL_STALE = "crl-stale";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration warning;
    private final ApplicationEventPublisher events;

    DeviceCaMonitor(JdbcClient jdbc, Clock clock, PortalProperties properties, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.warning = Duration.ofDays(properties.deviceCas().expiryWarningDays());
        this.events = events;
    }

    private record Watched(long id, short operatorId, String operatorCode, String subject, boolean active, Instant notAfter,
            Optional<Instant> nextUpdate) {
    }

    /** Evaluates every CA that is trusted or still has an open alert. */
    @Transactional
    public void evaluate() {
        Instant now = clock.instant();
        List<Watched> watched = jdbc.sql("""
                        select c.id, c.operator_id, o.code, c.subject, c.removed_at is null as active, c.not_after, l.next_update
                        from device_ca c join operator o on o.id = c.operator_id
                             left join device_ca_crl l on l.device_ca_id = c.id
                        where c.removed_at is null
                           or exists (select 1 from device_ca_alert a where a.device_ca_id = c.id and a.resolved_at is null)
                        order by c.id""")
                .query((rs, n) -> new Watched(rs.getLong(1), rs.getShort(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                        rs.getTimestamp(6).toInstant(), Optional.ofNullable(rs.getTimestamp(7)).map(Timestamp::toInstant)))
                .list();
        for (var ca : watched) {
            boolean expiring = ca.active() && ca.notAfter().isBefore(now.plus(warning));
            decide(ca, EXPIRING, expiring, now, ca.notAfter().isBefore(now)
                    ? "'%s' expired on %s: devices of this pair are refused".formatted(ca.subject(), ca.notAfter())
                    : "'%s' expires on %s, in %d days".formatted(ca.subject(), ca.notAfter(),
                            Duration.between(now, ca.notAfter()).toDays()));
            boolean stale = ca.active() && ca.nextUpdate().map(now::isAfter).orElse(false);
            decide(ca, CRL_STALE, stale, now, "The revocation list of '%s' was due for renewal on %s".formatted(ca.subject(),
                    ca.nextUpdate().map(Object::toString).orElse("")));
        }
    }

    private void decide(Watched ca, String kind, boolean condition, Instant now, String summary) {
        if (condition) {
            jdbc.sql("""
                            insert into device_ca_alert (device_ca_id, operator_id, kind, raised_at, summary) values (?, ?, ?, ?, ?)
                            on conflict (device_ca_id, kind) where resolved_at is null do nothing returning id""")
                    .params(ca.id(), ca.operatorId(), kind, Timestamp.from(now), summary).query(Long.class).optional()
                    .ifPresent(id -> events.publishEvent(new DeviceCaAlert.Raised(
                            new DeviceCaAlert(id, ca.id(), ca.operatorCode(), kind, summary))));
        } else {
            jdbc.sql("""
                            update device_ca_alert set resolved_at = greatest(?, raised_at) where device_ca_id = ? and kind = ? and resolved_at is null
                            returning id, summary""")
                    .params(Timestamp.from(now), ca.id(), kind)
                    .query((rs, n) -> new DeviceCaAlert(rs.getLong(1), ca.id(), ca.operatorCode(), kind, rs.getString(2)))
                    .optional().ifPresent(alert -> events.publishEvent(new DeviceCaAlert.Resolved(alert)));
        }
    }
}
