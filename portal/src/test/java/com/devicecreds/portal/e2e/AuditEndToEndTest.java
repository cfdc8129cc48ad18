package com.devicecreds.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import javax.sql.DataSource;

import com.devicecreds.audit.AuditProperties;

import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.database.SchemaOwner;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@PortalTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AuditEndToEndTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditProperties audit;
    @Autowired
    @SchemaOwner
    DataSource schemaOwner;

    @Test
    void an_auditor_verifies_the_chain_sees_a_tampered_row_named_and_searches_the_trail() throws Exception {
        try (var browser = new Browser(port)) {
            browser.signIn("audit.dora", "demo");
            browser.open("/audit");
            browser.waitFor(By.cssSelector(".audit-view vaadin-grid"));
            browser.waitUntilVaadinIsIdle();
            browser.screenshot("audit.png");

            browser.waitFor(By.cssSelector(".verify-chain")).click();
            browser.waitUntil("document.querySelector('.verification-result[data-intact]') !== null");
            assertThat(browser.waitFor(By.cssSelector(".verification-result")).getAttribute("data-intact")).isEqualTo("true");
            assertThat(browser.waitFor(By.cssSelector(".verification-result")).getText()).contains("Intact");
            browser.screenshot("audit-verified.png");

            long seq = jdbc.sql("select min(seq) + 1 from audit_event").query(Long.class).single();
            String original = jdbc.sql("select target from audit_event where seq = ?").param(seq).query(String.class).single();
            asTableOwner("update audit_event set target = target || ' (edited)' where seq = " + seq);
            try {
                browser.waitFor(By.cssSelector(".verify-chain")).click();
                browser.waitUntil("document.querySelector('.verification-result[data-intact=\"false\"]') !== null");
                assertThat(browser.waitFor(By.cssSelector(".verification-result")).getText())
                        .contains("Tampering found").contains("Row " + seq + ": The row does not match its hash");
                browser.screenshot("audit-tampered.png");
            } finally {
                asTableOwner("update audit_event set target = '" + original.replace("'", "''") + "' where seq = " + seq);
            }

            // Without its anchor file the trail is not called intact: the same words as AuditVerifyCommand.
            Path anchors = audit.anchorFile();
            Path aside = anchors.resolveSibling(anchors.getFileName() + ".aside");
            Files.move(anchors, aside);
            try {
                browser.waitFor(By.cssSelector(".verify-chain")).click();
                browser.waitUntil("document.querySelector('.verification-result[data-verdict=\"UNVERIFIABLE\"]') !== null");
                assertThat(browser.waitFor(By.cssSelector(".verification-result")).getText())
                        .contains("Could not verify").contains("Could not verify the audit trail: the anchor file")
                        .contains("is missing");
                browser.screenshot("audit-unverifiable.png");
            } finally {
                Files.move(aside, anchors, StandardCopyOption.REPLACE_EXISTING);
            }

            long dorasRows = jdbc.sql("select count(*) from audit_event where actor = 'audit.dora'").query(Long.class).single();
            var actor = browser.waitFor(By.cssSelector(".audit-filters vaadin-text-field input"));
            actor.sendKeys("audit.dora");
            browser.waitUntil("document.querySelector('.audit-found').textContent.trim() === '" + dorasRows + " rows'");
            browser.waitUntilVaadinIsIdle();
            browser.waitFor(By.xpath("//vaadin-grid-cell-content[contains(., 'AUDIT_VERIFIED')]")).click();
            browser.waitFor(By.cssSelector(".audit-details"));
            browser.waitUntilVaadinIsIdle();
            assertThat(browser.waitFor(By.cssSelector(".audit-details")).getText()).contains("Row hash");
            browser.screenshot("audit-details.png");
        }
        var outcomes = jdbc.sql("""
                        select outcome from audit_event where action = 'AUDIT_VERIFIED' and actor = 'audit.dora'
                        order by seq""").query(String.class).list();
        assertThat(outcomes).containsExactly("success", "failed", "failed");
    }

    /** A table owner bypassing the append-only triggers, as only an attacker with such rights could. */
    private void asTableOwner(String sql) {
        var owner = JdbcClient.create(schemaOwner);
        new TransactionTemplate(new DataSourceTransactionManager(schemaOwner)).executeWithoutResult(status -> {
            owner.sql("set local session_replication_role = replica").update();
            owner.sql(sql).update();
        });
    }
}
