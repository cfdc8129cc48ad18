package com.devicecreds.portal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.devicecreds.portal.PortalTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Who may read /actuator/prometheus (docs/decisions/029): only a scraper with the scrape credentials
 * (the local ones of application.properties here); the probes stay open.
 */
@PortalTest
class PrometheusScrapeTest {

    @Autowired
    WebApplicationContext context;
    @Autowired
    BusinessMetrics metrics;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        metrics.refresh();
    }

    @Test
    void a_scrape_without_credentials_is_refused() throws Exception {
        mvc.perform(get("/actuator/prometheus"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", Matchers.startsWith("Basic")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("portal_pool"))));
    }

    @Test
    void a_scrape_with_a_wrong_password_or_a_portal_users_password_is_refused() throws Exception {
        mvc.perform(get("/actuator/prometheus").with(httpBasic("prometheus", "wrong"))).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/prometheus").with(httpBasic("pki.anna", "demo"))).andExpect(status().isUnauthorized());
    }

    @Test
    void the_scraper_reads_the_business_metrics() throws Exception {
        mvc.perform(get("/actuator/prometheus").with(httpBasic("prometheus", "local-scrape-password")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("portal_pool_available_credentials{operator=\"alpenfunk\",type=\"alpenfunk-dtcp-ip\"}")))
                .andExpect(content().string(Matchers.containsString("portal_provisioning_requests_total{")))
                .andExpect(content().string(Matchers.containsString("portal_batches_awaiting_approval ")))
                .andExpect(content().string(Matchers.containsString("portal_mail_outbox_pending ")))
                .andExpect(content().string(Matchers.containsString("portal_audit_anchor_age_seconds ")));
    }

    @Test
    void every_metric_the_grafana_dashboard_queries_is_in_the_scrape() throws Exception {
        String scrape = mvc.perform(get("/actuator/prometheus").with(httpBasic("prometheus", "local-scrape-password")))
                .andReturn().getResponse().getContentAsString();
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
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
        mvc.perform(get("/actuator/env").with(httpBasic("prometheus", "local-scrape-password")))
                .andExpect(status().is4xxClientError());
    }
}
