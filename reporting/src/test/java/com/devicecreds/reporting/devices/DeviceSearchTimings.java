package com.devicecreds.reporting.devices;

import static com.devicecreds.reporting.usage.ReportingBenchmark.millis;
import static com.devicecreds.reporting.usage.ReportingBenchmark.percentile;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.PortalPrincipal;
import com.devicecreds.access.Roles;
import com.devicecreds.benchmark.BenchmarkResult;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Device search as operator staff, the part of {@code ReportingBenchmark} about it: exact and prefix
 * searches through {@link DeviceSearchService} on the application role's connections (row-level
 * security on, as in the portal), against the naive baseline measured in the same run: the former
 * prefix query, which summarized each matching device from its events in every monthly partition.
 * Both must list the same devices. With {@code -Dexplain} prints both prefix plans.
 */
public final class DeviceSearchTimings {

    /** The prefix query before V50: one ordered range over the event index of every partition. */
    private static final String NAIVE_PREFIX = """
            select e.device_id, min(e.device_id_kind) as kind, count(*) as events,
                   min(e.occurred_at) as first_seen, max(e.occurred_at) as last_seen
            from provisioning_event e
            where e.device_id >= :low and e.device_id < :high and (cast(:operatorId as smallint) is null or e.operator_id = :operatorId)
            group by e.device_id
            order by e.device_id
            limit :limit""";
    private static final int SAMPLES = 1_000;
    private static final int PREFIX_LENGTH = 9;

    private DeviceSearchTimings() {
    }

    /**
     * Times the searches on {@code staff} (connections that already carry the operator's setting);
     * {@code owner} only picks the devices to search for.
     */
    public static void run(JdbcClient staff, JdbcClient owner, OperatorRef operator) {
        List<String> devices = owner.sql("""
                        select device_id from provisioning_event
                        where operator_id = ? and id % 997 = 7 limit 400""").param(operator.id()).query(String.class).list();
        if (System.getProperty("explain") != null) {
            for (String query : List.of(NAIVE_PREFIX, DeviceEvents.PREFIX)) {
                explain(staff, query, devices.getFirst().substring(0, PREFIX_LENGTH), operator);
            }
        }
        try (var context = new AnnotationConfigApplicationContext()) {
            context.registerBean(JdbcClient.class, () -> staff);
            context.scan("com.devicecreds.access", "com.devicecreds.reporting.devices");
            context.refresh();
            var search = context.getBean(DeviceSearchService.class);
            SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                    new Staff(operator.code()), null, List.of(new SimpleGrantedAuthority(Roles.ROLE_PREFIX + Roles.OPERATOR_STAFF))));
            // Warm-up (code paths and plans, not the samples' pages): devices other than the sampled ones.
            owner.sql("select device_id from provisioning_event where operator_id = ? and id % 997 = 11 limit 200")
                    .param(operator.id()).query(String.class).list().forEach(device -> {
                        search.search(device, SearchMode.EXACT);
                        search.search(device.substring(0, PREFIX_LENGTH), SearchMode.PREFIX);
                        prefixQuery(staff, NAIVE_PREFIX, device.substring(0, PREFIX_LENGTH), operator);
                    });
            var random = new Random(7);
            double[] exact = new double[SAMPLES];
            double[] prefix = new double[SAMPLES];
            double[] naive = new double[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                String device = devices.get(random.nextInt(devices.size()));
                String colons = String.join(":", device.toLowerCase(Locale.ROOT).split("(?<=\\G..)"));
                String start = device.substring(0, PREFIX_LENGTH);
                exact[i] = millis(() -> found(search.search(colons, SearchMode.EXACT)));
                var listed = new Object[1];
                prefix[i] = millis(() -> listed[0] = found(search.search(start, SearchMode.PREFIX)).devices());
                var baseline = new Object[1];
                naive[i] = millis(() -> baseline[0] = prefixQuery(staff, NAIVE_PREFIX, start, operator));
                if (!listed[0].equals(baseline[0])) {
                    throw new IllegalStateException("The summaries and the events disagree for " + start + ": "
                            + listed[0] + " vs " + baseline[0]);
                }
            }
            SecurityContextHolder.clearContext();
            System.out.printf(Locale.US, "Device search as operator staff under row-level security, %d searches each "
                    + "(colon notation / first %d characters):%n", SAMPLES, PREFIX_LENGTH);
            System.out.printf(Locale.US, "  exact (service, summaries):        p50 %7.2f ms  p99 %7.2f ms%n",
                    percentile(exact, 50), percentile(exact, 99));
            System.out.printf(Locale.US, "  prefix (service, summaries):       p50 %7.2f ms  p99 %7.2f ms%n",
                    percentile(prefix, 50), percentile(prefix, 99));
            System.out.printf(Locale.US, "  prefix naive (query over events):  p50 %7.2f ms  p99 %7.2f ms  (p99 %.1fx the summaries')%n",
                    percentile(naive, 50), percentile(naive, 99), percentile(naive, 99) / percentile(prefix, 99));
            BenchmarkResult.print("reporting", "device search exact p99", percentile(exact, 99), "ms");
            BenchmarkResult.print("reporting", "device search prefix p99", percentile(prefix, 99), "ms",
                    percentile(naive, 99), "prefix query over the events");
        }
    }

    /** The first page of devices as the service lists them: ordered, at most {@link DeviceSearchService#PREFIX_MATCHES}. */
    private static List<DeviceMatch> prefixQuery(JdbcClient staff, String sql, String prefix, OperatorRef operator) {
        return staff.sql(sql).param("low", prefix).param("high", DeviceEvents.upperBound(prefix))
                .param("operatorId", operator.id()).param("limit", DeviceSearchService.PREFIX_MATCHES + 1)
                .query((rs, n) -> new DeviceMatch(rs.getString("device_id"), rs.getString("kind"), rs.getLong("events"),
                        rs.getTimestamp("first_seen").toInstant(), rs.getTimestamp("last_seen").toInstant()))
                .list().stream().limit(DeviceSearchService.PREFIX_MATCHES).toList();
    }

    private static void explain(JdbcClient staff, String sql, String prefix, OperatorRef operator) {
        staff.sql("explain (analyze, buffers) " + sql).param("low", prefix).param("high", DeviceEvents.upperBound(prefix))
                .param("operatorId", operator.id()).param("limit", DeviceSearchService.PREFIX_MATCHES + 1)
                .query(String.class).list().forEach(System.out::println);
    }

    private static DeviceSearchResult.Found found(DeviceSearchResult result) {
        if (!(result instanceof DeviceSearchResult.Found found)) {
            throw new IllegalStateException("Expected to find the device: " + result);
        }
        return found;
    }

    private record Staff(String code) implements PortalPrincipal {
        @Override
        public String username() {
            return "bench." + code;
        }

        @Override
        public String displayName() {
            return "Bench " + code;
        }

        @Override
        public Optional<String> operatorCode() {
            return Optional.of(code);
        }
    }
}
