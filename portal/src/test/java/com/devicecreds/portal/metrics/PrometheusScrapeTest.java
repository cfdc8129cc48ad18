package com.devicecreds.portal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.devicecreds.portal.PortalTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Who may read /actuator/prometheus (docs/decisions/029), over real HTTP: only a scraper with the
 * scrape credentials (the local ones of application.properties here); the probes stay open.
 */
@PortalTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PrometheusScrapeTest {

    private static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    int port;
    @Autowired
    BusinessMetrics metrics;

    @BeforeEach
    void readFigures() {
        metrics.refresh();
    }

    @AfterAll
    static void close() {
        http.close();
    }

    @Test
    void a_scrape_without_credentials_is_refused_with_a_basic_challenge() throws Exception {
        var response = get("/actuator/prometheus", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(response.body()).doesNotContain("portal_pool");
    }

    @Test
    void a_scrape_with_a_wrong_password_or_a_portal_users_password_is_refused() throws Exception {
        assertThat(get("/actuator/prometheus", "prometheus:wrong").statusCode()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", "pki.anna:demo").statusCode()).isEqualTo(401);
    }

    @Test
    void the_scraper_reads_the_business_metrics() throws Exception {
        var response = get("/actuator/prometheus", "prometheus:local-scrape-password");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("portal_pool_available_credentials{operator=\"alpenfunk\",type=\"alpenfunk-dtcp-ip\"}",
                "portal_provisioning_requests_total{", "portal_batches_awaiting_approval ", "portal_mail_outbox_pending ",
                "portal_audit_anchor_age_seconds ");
    }

    @Test
    void every_metric_the_grafana_dashboard_queries_is_in_the_scrape() throws Exception {
        String scrape = get("/actuator/prometheus", "prometheus:local-scrape-password").body();
        String dashboard = Files.readString(Path.of("..", "docs", "grafana", "credentials-portal.json"));
        var names = Pattern.compile("portal_[a-z_]+").matcher(dashboard).results().map(MatchResult::group)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(names).hasSizeGreaterThan(10);
        for (String name : names) {
            assertThat(scrape).as("the scrape has %s", name).containsPattern("(?m)^" + name + "[ {]");
        }
    }

    @Test
    void the_probes_stay_open_and_other_actuator_endpoints_stay_closed() throws Exception {
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/env", "prometheus:local-scrape-password").statusCode()).isBetween(400, 499);
    }

    @Test
    void the_images_health_probe_exits_0_when_the_portal_is_ready_and_1_when_nothing_answers() throws Exception {
        assertThat(probe(port)).isZero();
        try (var closed = new java.net.ServerSocket(0)) {
            int unused = closed.getLocalPort();
            closed.close();
            assertThat(probe(unused)).isEqualTo(1);
        }
    }

    /** Runs HealthProbe as the compose file's health check does: a JVM of its own, only the classes on its path. */
    private static int probe(int port) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        var process = new ProcessBuilder(java, "-cp", Path.of("target", "classes").toString(),
                "com.devicecreds.portal.operations.HealthProbe", "/actuator/health/readiness")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        process.environment().put("PORT", Integer.toString(port));
        return process.start().waitFor();
    }

    private HttpResponse<String> get(String path, String credentials) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (credentials != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
