package com.devicecreds.portal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.inventory.alert.AlertService;
import com.devicecreds.inventory.pool.InventoryService;
import com.devicecreds.inventory.pool.PoolHistoryService;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.reporting.devices.DeviceSearchResult;
import com.devicecreds.reporting.devices.DeviceSearchService;
import com.devicecreds.reporting.devices.SearchMode;
import com.devicecreds.reporting.usage.Granularity;
import com.devicecreds.reporting.usage.UsageQuery;
import com.devicecreds.reporting.usage.UsageService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 10,000 report, search and look-up calls with random arguments as staff of one operator (A), over the
 * demo world where other operators' data sits beside A's: no answer ever holds another operator's
 * data. Expectations come from SQL over the raw tables, without the services' scoping.
 */
@PortalTest
class RandomizedTenancyTest {

    private static final String A = "nordkabel";
    private static final int CALLS = 10_000;

    @Autowired
    UsageService usage;
    @Autowired
    DeviceSearchService devices;
    @Autowired
    InventoryService inventory;
    @Autowired
    PoolHistoryService history;
    @Autowired
    AlertService alerts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void ten_thousand_random_calls_as_operator_a_never_return_another_operators_data() {
        short a = jdbc.sql("select id from operator where code = ?").param(A).query(Short.class).single();
        var others = jdbc.sql("select id, code from operator where id <> ?").param(a)
                .query((rs, n) -> new OperatorRef(rs.getShort(1), rs.getString(2))).list();
        Set<Integer> visibleTypes = Set.copyOf(jdbc.sql("""
                        select t.id from credential_type t
                        where t.owner_operator_id = ? or (t.owner_operator_id is null and exists (
                              select 1 from type_authorization x where x.credential_type_id = t.id and x.operator_id = ?))""")
                .params(a, a).query(Integer.class).list());
        List<Integer> allTypes = jdbc.sql("select id from credential_type").query(Integer.class).list();
        Map<LocalDate, Long> eventsOfA = new TreeMap<>();
        jdbc.sql("""
                        select (occurred_at at time zone 'UTC')::date, count(*) from provisioning_event
                        where operator_id = ? group by 1""").param(a)
                .query(rs -> {
                    eventsOfA.put(rs.getDate(1).toLocalDate(), rs.getLong(2));
                });
        List<String> sample = jdbc.sql("""
                        (select device_id from provisioning_event where operator_id = ? order by id limit 400)
                        union all
                        (select device_id from provisioning_event where operator_id <> ? order by id limit 800)
                        union all
                        (select device_id from authorized_device where operator_id <> ? limit 200)""")
                .params(a, a, a).query(String.class).list();
        assertThat(eventsOfA).isNotEmpty();
        assertThat(others).isNotEmpty();
        var countsOfA = new HashMap<String, Long>();
        LocalDate first = eventsOfA.keySet().iterator().next();

        var random = new Random(20261122);
        var leaks = new ArrayList<String>();
        var tally = new TreeMap<String, Integer>();
        try (var staff = SignedIn.as(SignedIn.operatorStaff(A))) {
            for (int i = 0; i < CALLS; i++) {
                int kind = random.nextInt(8);
                String device = sample.get(random.nextInt(sample.size()));
                switch (kind) {
                    case 0 -> {
                        LocalDate from = first.plusDays(random.nextInt(30) - 5);
                        LocalDate to = from.plusDays(random.nextInt(25));
                        Optional<OperatorRef> chosen = switch (random.nextInt(3)) {
                            case 0 -> Optional.empty();
                            case 1 -> Optional.of(new OperatorRef(a, A));
                            default -> Optional.of(others.get(random.nextInt(others.size())));
                        };
                        var report = usage.usage(new UsageQuery(chosen, from, to,
                                Granularity.values()[random.nextInt(Granularity.values().length)]));
                        long expected = chosen.isPresent() && chosen.get().id() != a ? 0
                                : eventsOfA.entrySet().stream().filter(e -> !e.getKey().isBefore(from) && !e.getKey().isAfter(to))
                                        .mapToLong(Map.Entry::getValue).sum();
                        if (report.current().total() != expected) {
                            leaks.add("usage " + chosen + " " + from + ".." + to + ": " + report.current().total() + " != " + expected);
                        }
                        report.rows().stream().filter(r -> !visibleTypes.contains(r.credentialTypeId()))
                                .forEach(r -> leaks.add("usage row of type " + r.credentialTypeId()));
                    }
                    case 1, 2 -> {
                        String input = kind == 1 ? device : device.substring(0, Math.min(device.length(), 6 + random.nextInt(5)));
                        var result = devices.search(input, kind == 1 ? SearchMode.EXACT : SearchMode.PREFIX);
                        if (result instanceof DeviceSearchResult.Found found) {
                            for (var match : found.devices()) {
                                long own = countsOfA.computeIfAbsent(match.deviceId(), id -> eventsOf(id, a));
                                if (own == 0 || match.events() != own) {
                                    leaks.add("search " + input + ": " + match.deviceId() + " with " + match.events()
                                            + " events, " + own + " of them A's");
                                }
                            }
                        } else if (result instanceof DeviceSearchResult.NotFound notFound) {
                            notFound.authorized().stream().filter(entry -> !entry.operatorCode().equals(A))
                                    .forEach(entry -> leaks.add("authorized entry of " + entry.operatorCode()));
                        }
                    }
                    case 3 -> {
                        long own = countsOfA.computeIfAbsent(device, id -> eventsOf(id, a));
                        var events = devices.timeline(device, 0, 50);
                        events.stream().filter(e -> !e.operatorCode().equals(A))
                                .forEach(e -> leaks.add("timeline event " + e.id() + " of " + e.operatorCode()));
                        if (events.size() != Math.min(own, 50) || devices.timelineSize(device) != own) {
                            leaks.add("timeline of " + device + ": " + events.size() + " events, A has " + own);
                        }
                    }
                    case 4 -> inventory.pools().stream()
                            .filter(p -> !visibleTypes.contains(p.credentialTypeId()))
                            .forEach(p -> leaks.add("pool " + p.typeCode()));
                    case 5 -> {
                        int type = allTypes.get(random.nextInt(allTypes.size()));
                        var found = history.historyOf(type, 1 + random.nextInt(30));
                        if (found.isPresent() && !visibleTypes.contains(type)) {
                            leaks.add("history of type " + type);
                        }
                    }
                    case 6 -> {
                        int type = allTypes.get(random.nextInt(allTypes.size()));
                        if (!visibleTypes.contains(type) && !alerts.alertsOf(type).isEmpty()) {
                            leaks.add("alerts of type " + type);
                        }
                    }
                    default -> alerts.openAlerts().stream().filter(alert -> !visibleTypes.contains(alert.credentialTypeId()))
                            .forEach(alert -> leaks.add("open alert " + alert.id()));
                }
                tally.merge(List.of("usage", "exact search", "prefix search", "timeline", "pools", "history", "alerts",
                        "open alerts").get(kind), 1, Integer::sum);
            }
        }
        assertThat(leaks).as("answers holding another operator's data").isEmpty();
        assertThat(tally.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(CALLS);
        assertThat(tally).allSatisfy((call, n) -> assertThat(n).as(call).isGreaterThan(1000));
    }

    private long eventsOf(String deviceId, short operator) {
        return jdbc.sql("select count(*) from provisioning_event where device_id = ? and operator_id = ?")
                .params(deviceId, operator).query(Long.class).single();
    }
}
