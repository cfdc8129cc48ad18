package com.devicecreds.portal.walk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashSet;
import java.util.TreeMap;

import javax.sql.DataSource;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.devicecreds.access.Roles;
import com.devicecreds.inventory.loading.facility.FacilityCertificateService;
import com.devicecreds.inventory.loading.upload.PackageUploadService;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.database.SchemaOwner;
import com.devicecreds.portal.demo.AnnasUpload;
import com.devicecreds.portal.security.dev.DemoPeople;
import jakarta.servlet.ServletContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every page, under every demo role, on a world that holds everything the provisioning service can
 * write ({@link CompleteWorld}) after live simulated traffic: every route of the route registry with
 * every detail, its radio buttons and tabs, and its exports. Fails on an error view, an incident in
 * the log, a browser console error, or, for operator staff, another operator's names, codes or device
 * IDs in a page or a download; prints axe-core's serious and critical findings per page.
 */
@PortalTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "portal.simulator.enabled=true", "portal.simulator.requests-per-second=40"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorldWalkTest {

    private static final Duration LIVE_TRAFFIC = Duration.ofSeconds(40);
    private static final java.nio.file.Path SCREENSHOTS = java.nio.file.Path.of("target", "walk");

    @LocalServerPort
    int port;
    @Autowired
    ServletContext servletContext;
    @Autowired
    @SchemaOwner
    DataSource ownerDataSource;
    @Autowired
    FacilityCertificateService facilities;
    @Autowired
    PackageUploadService uploads;

    private JdbcClient owner;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final List<String> problems = new ArrayList<>();

    @BeforeAll
    void aCompleteWorldAfterLiveTraffic() {
        var root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        log.start();
        root.addAppender(log);
        owner = JdbcClient.create(ownerDataSource);
        long before = owner.sql("select count(*) from provisioning_event").query(Long.class).single();
        CompleteWorld.add(owner);
        stageABatch();
        var end = Instant.now().plus(LIVE_TRAFFIC);
        while (Instant.now().isBefore(end)) {
            pause();
        }
        long live = owner.sql("select count(*) from provisioning_event").query(Long.class).single() - before;
        var census = CompleteWorld.census(owner);
        System.out.println("World walk: " + live + " events of live traffic; census " + census);
        assertThat(live).as("live traffic").isGreaterThan(200);
        census.forEach((kind, count) -> assertThat(count).as(kind).isPositive());
        assertThat(census).containsEntry("nordkabel: rejection reasons", (long) CompleteWorld.REASONS.size())
                .containsEntry("sunwave: rejection reasons", (long) CompleteWorld.REASONS.size())
                .containsEntry("nordkabel: outcomes", 3L).containsEntry("sunwave: outcomes", 3L)
                .containsEntry("batch states", 5L).containsEntry("rollouts cancelled / approved / acknowledged", 3L);
        assertThat(census.get("device ID kinds")).isGreaterThanOrEqualTo(4);
    }

    /** A batch waiting for approval, as a PKI operator's upload of a package signed by a trusted facility stages it. */
    private void stageABatch() {
        String type = owner.sql("select code from credential_type where binding_mode = 'next-available' order by id limit 1")
                .query(String.class).single();
        AnnasUpload.of(facilities, uploads, "Walk KGF «Ω»", type, 20, "walk.zip");
    }

    @AfterAll
    void detach() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(log);
    }

    @Test
    void every_route_and_detail_under_every_role_shows_no_error_and_nothing_of_another_operator() throws Exception {
        var routes = WalkRoutes.registered(servletContext);
        var addresses = WalkRoutes.addresses(routes, owner);
        var walkers = walkers(DemoPeople.all());
        var accessibility = new TreeMap<String, List<String>>();
        var axeDone = new HashSet<String>();
        var exercisedDone = new HashSet<String>();
        int pages = 0;
        int exports = 0;
        int filters = 0;
        try (var walker = new Walker(port)) {
            for (var person : walkers) {
                boolean staff = person.operatorCode().isPresent();
                boolean everyDetail = staff || person == walkers.getFirst();
                var foreign = person.operatorCode().map(code -> ForeignStrings.of(owner, code));
                var templatesDone = new HashSet<String>();
                var denied = new HashSet<String>();
                try (var session = walker.signIn(person.username(), DemoPeople.PASSWORD)) {
                    for (var address : addresses) {
                        boolean first = templatesDone.add(address.template());
                        if (denied.contains(address.template()) || (!first && !everyDetail)) {
                            continue;
                        }
                        String where = person.username() + " " + address.path();
                        session.consoleErrors.clear();
                        int status = session.open(address.path());
                        pages++;
                        String text = session.text();
                        if (status == 403 || text.contains("No access to this page")) {
                            denied.add(address.template());
                            session.consoleErrors.removeIf(e -> e.contains("status of 403"));
                        }
                        check(where, text, session.consoleErrors, foreign);
                        if (!first || denied.contains(address.template())) {
                            continue;
                        }
                        session.screenshot(SCREENSHOTS.resolve(person.username()).resolve(
                                (address.template().isEmpty() ? "dashboard" : address.template()).replaceAll("[^A-Za-z0-9-]+", "_")
                                        + ".png"));
                        if (axeDone.add(address.template())) {
                            var found = session.seriousAccessibilityViolations();
                            System.out.println("axe on /" + address.template() + " (" + person.role() + "): "
                                    + (found.isEmpty() ? "no serious or critical violations" : found));
                            if (!found.isEmpty()) {
                                accessibility.put("/" + address.template(), found);
                            }
                        }
                        // Filters and exports: for each operator's staff (their data differs), and once for the others.
                        if (staff || exercisedDone.add(address.template())) {
                            filters += session.exerciseFilters(step -> check(where + " after " + step, session.text(),
                                    session.consoleErrors, foreign));
                            for (var export : session.exports()) {
                                exports++;
                                if (export.fileName().equals("failed")) {
                                    report(where + ": export failed: " + export.text());
                                }
                                foreign.flatMap(f -> f.foundIn(export.text(), where)).ifPresent(found ->
                                        report(where + ": download " + export.fileName() + " shows " + found));
                            }
                        }
                    }
                }
            }
        }
        var errors = log.list.stream().filter(e -> e.getLevel() == Level.ERROR)
                .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : ": " + e.getThrowableProxy().getMessage()))
                .toList();
        System.out.printf("World walk: %d routes (%d addresses with details) x %d roles (%d people): %d pages, %d filter clicks,"
                        + " %d exports; %d problems, %d error log lines, %d pages with serious or critical axe findings%n",
                routes.size(), addresses.size(), walkers.stream().map(DemoPeople.Person::role).distinct().count(),
                walkers.size(), pages, filters, exports, problems.size(), errors.size(), accessibility.size());
        errors.forEach(i -> System.out.println("World walk error log: " + i));

        assertThat(problems).isEmpty();
        assertThat(errors).filteredOn(i -> i.startsWith("Incident")).isEmpty();
    }

    /**
     * One person of each role, and every operator's staff (their data differs); the person who sees every
     * operator (the first) opens every detail, the others the first of each kind.
     */
    private static List<DemoPeople.Person> walkers(List<DemoPeople.Person> people) {
        var byRole = new LinkedHashMap<String, DemoPeople.Person>();
        people.stream().filter(p -> p.operatorCode().isEmpty()).forEach(p -> byRole.putIfAbsent(p.role(), p));
        var walkers = new ArrayList<>(byRole.values());
        people.stream().filter(p -> p.operatorCode().isPresent()).forEach(walkers::add);
        walkers.sort(java.util.Comparator.comparing((DemoPeople.Person p) -> !p.role().equals(Roles.ADMIN)));
        return walkers;
    }

    /** Records a problem and prints it at once, so that a long walk shows what it found as it goes. */
    private void report(String problem) {
        problems.add(problem);
        System.out.println("World walk problem: " + problem);
    }

    /**
     * {@code where} ends with the address: a foreign string the address itself carries (a device ID the
     * person typed into the search) is theirs, not a leak.
     */
    private void check(String where, String text, List<String> consoleErrors, java.util.Optional<ForeignStrings> foreign) {
        if (text.contains("Something went wrong") || text.contains("The page could not be shown")) {
            report(where + ": error view or message");
        }
        consoleErrors.forEach(e -> report(where + ": console error: " + e));
        consoleErrors.clear();
        foreign.flatMap(f -> f.foundIn(text, where)).ifPresent(s -> report(where + ": shows another operator's " + s));
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
