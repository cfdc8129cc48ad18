package com.devicecreds.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;

import com.devicecreds.portal.PortalTest;
import com.devicecreds.reporting.nodes.NodeHealthMonitor;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@PortalTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class NodesEndToEndTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    NodeHealthMonitor monitor;

    @Test
    void pki_operations_see_every_node_a_silent_one_flagged_and_its_alert_in_the_bell() {
        // A node that was busy half an hour ago and has not been heard from since.
        short operator = jdbc.sql("select id from operator where code = 'nordkabel'").query(Short.class).single();
        int type = jdbc.sql("select min(id) from credential_type where owner_operator_id = ?").param(operator)
                .query(Integer.class).single();
        jdbc.sql("""
                        insert into server_node (name, first_seen, last_seen) values ('prov-old-1', ?, ?)""")
                .params(Timestamp.from(Instant.now().minusSeconds(86_400)), Timestamp.from(Instant.now().minusSeconds(1_800)))
                .update();
        jdbc.sql("""
                        insert into provisioning_event (occurred_at, operator_id, credential_type_id, device_id, device_id_kind,
                                                        server_node, outcome, rejection_reason, credential_id)
                        select now() - interval '1 minute', ?, ?, 'E2E' || g, 'serial', 'prov-live-1', 'rejected', 'pool-empty', null
                        from generate_series(1, 20) g""")
                .params(operator, type).update();
        monitor.evaluate();

        try (var browser = new Browser(port)) {
            browser.signIn("pki.ben", "demo");
            browser.open("/admin/nodes");
            browser.waitFor(By.cssSelector(".nodes-grid"));
            browser.waitUntilVaadinIsIdle();
            String page = browser.waitFor(By.cssSelector(".nodes-view")).getText();
            assertThat(page).contains("prov-old-1", "prov-live-1", "Silent");
            assertThat(browser.waitFor(By.cssSelector(".node-alerts")).getText())
                    .contains("prov-old-1 has sent no provisioning event for 30 minutes");
            browser.screenshot("server-nodes.png");
        }
        assertThat(jdbc.sql("select count(*) from notification where source_kind = 'node-alert-raised' and title = ?")
                .param("prov-old-1 is silent").query(Long.class).single()).isEqualTo(1);
    }
}
