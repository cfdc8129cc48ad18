package com.devicecreds.portal.deviceca;

import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.devicecreds.access.OperatorScope;
import com.devicecreds.inventory.loading.sample.SampleCa;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo world's trusted device CAs: for every (operator, credential type) pair a device maker's
 * root with its CRL and a factory sub-CA, added by pki.anna and approved by pki.ben. One sub-CA
 * expires within the warning period and one CRL is past its next update, so the page and the alerts
 * have something to show. Only the demo runner calls it, and only while no device CA exists.
 */
@Component
public class DemoDeviceCas {

    private static final String[] MAKERS = {"Settop Devices GmbH", "Nordic Silicon AB", "Iberia Electronics SA"};

    private final DeviceCaRows rows;
    private final JdbcClient jdbc;
    private final DeviceCaMonitor monitor;
    private final TransactionTemplate transaction;

    DemoDeviceCas(DeviceCaRows rows, JdbcClient jdbc, DeviceCaMonitor monitor, PlatformTransactionManager transactions) {
        this.rows = rows;
        this.jdbc = jdbc;
        this.monitor = monitor;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Seeds the pairs' CAs when no device CA exists yet; returns how many CAs it trusted. */
    public int seedIfNone(Instant now) {
        Integer added = transaction.execute(status -> {
            if (jdbc.sql("select exists (select 1 from device_ca)").query(Boolean.class).single()) {
                return 0;
            }
            var pairs = rows.pairs(OperatorScope.all());
            for (int i = 0; i < pairs.size(); i++) {
                seed(pairs.get(i), i, now);
            }
            return pairs.size() * 2;
        });
        int trusted = added == null ? 0 : added;
        if (trusted > 0) {
            // Raise the alerts the seeded CAs call for now, not at the job's next run.
            monitor.evaluate();
        }
        return trusted;
    }

    private void seed(CaPair pair, int index, Instant now) {
        String maker = MAKERS[index % MAKERS.length];
        String host = maker.split(" ")[0].toLowerCase(Locale.ROOT) + "-" + pair.operator().code();
        var root = SampleCa.root(maker, maker.split(" ")[0] + " Device Root CA G2", now.minus(Duration.ofDays(900)),
                now.plus(Duration.ofDays(7300)), Optional.of("http://pki." + host + ".example/root-g2.crl"));
        // The second pair's factory CA expires soon: the expiry alert shows.
        Instant subExpiry = now.plus(Duration.ofDays(index == 1 ? 12 : 1500));
        int year = now.atZone(ZoneOffset.UTC).getYear() - 1;
        var factory = root.subCa(maker.split(" ")[0] + " Factory CA " + year, now.minus(Duration.ofDays(400)), subExpiry,
                Optional.empty());
        Instant approved = now.minus(Duration.ofDays(60 - index));
        long request = jdbc.sql("""
                        insert into config_change_request (kind, operator_id, target, summary, proposed, requested_by, requested_at,
                                                           expires_at, state, decided_by, decided_at)
                        values (?, ?, ?, ?, '{"seeded": "demo"}', 'pki.anna', ?, ?, 'applied', 'pki.ben', ?) returning id""")
                .params(DeviceCaService.ADD, pair.operator().id(), pair.target(),
                        "Trust '" + root.name() + "' (root), '" + factory.name() + "' (sub-CA)",
                        Timestamp.from(approved.minus(Duration.ofHours(3))), Timestamp.from(approved.plus(Duration.ofDays(3))),
                        Timestamp.from(approved))
                .query(Long.class).single();
        long rootId = rows.insert(pair.operator().id(), pair.credentialTypeId(), root.certificate(), Optional.empty(), "pki.anna",
                "pki.ben", approved, request);
        rows.insert(pair.operator().id(), pair.credentialTypeId(), factory.certificate(), Optional.of(rootId), "pki.anna",
                "pki.ben", approved, request);
        // The third pair's CRL is past its next update: the stale-CRL alert shows.
        Instant thisUpdate = now.minus(Duration.ofDays(index == 2 ? 10 : 1));
        Instant nextUpdate = thisUpdate.plus(Duration.ofDays(7));
        byte[] crl = root.crl(thisUpdate, Optional.of(nextUpdate),
                List.of(BigInteger.valueOf(4711 + index), BigInteger.valueOf(90001 + index)));
        var ca = rows.find(OperatorScope.all(), rootId).orElseThrow();
        rows.storeCrl(ca, crl, new CrlFacts(thisUpdate, Optional.of(nextUpdate), 2, "fetch", "system", thisUpdate));
    }
}
