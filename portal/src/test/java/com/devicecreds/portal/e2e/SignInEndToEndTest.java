package com.devicecreds.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.devicecreds.audit.AuditAction;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.testsupport.RecordsAudit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@PortalTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SignInEndToEndTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void a_wrong_password_shows_the_login_error_and_is_audited_as_a_failed_login() {
        long failedBefore = failedLogins("pki.ben");
        try (var browser = new Browser(port)) {
            browser.open("/login");
            browser.waitFor(By.cssSelector("vaadin-login-form #vaadinLoginUsername input"));
            browser.waitFor(By.cssSelector(".demo-accounts"));
            browser.screenshot("login.png");

            browser.signIn("pki.ben", "not-the-password");

            assertThat(browser.all(By.cssSelector("vaadin-login-form[error]"))).hasSize(1);
            assertThat(browser.currentUrl()).contains("/login?error");
            assertThat(browser.all(By.cssSelector("vaadin-app-layout"))).isEmpty();
        }
        assertThat(failedLogins("pki.ben")).isEqualTo(failedBefore + 1);
    }

    @Test
    @RecordsAudit({AuditAction.LOGIN, AuditAction.LOGOUT})
    void signing_in_and_out_records_one_login_and_one_logout_and_ends_the_session() {
        long loginsBefore = auditRows("pm.clara", "LOGIN", "success");
        long logoutsBefore = auditRows("pm.clara", "LOGOUT", "success");
        try (var browser = new Browser(port)) {
            browser.signIn("pm.clara", "demo");
            var userMenu = browser.waitFor(By.className("user-menu"));
            assertThat(auditRows("pm.clara", "LOGIN", "success")).isEqualTo(loginsBefore + 1);

            userMenu.click();
            browser.waitFor(By.xpath("//vaadin-menu-bar-item[contains(., 'Sign out')]")).click();
            browser.waitUntil("location.pathname.startsWith('/login')");

            // The session is gone: the dashboard sends the browser back to the login page.
            browser.open("/");
            browser.waitFor(By.cssSelector("vaadin-login-form #vaadinLoginUsername input"));
            assertThat(browser.all(By.cssSelector("vaadin-app-layout"))).isEmpty();
        }
        assertThat(auditRows("pm.clara", "LOGOUT", "success")).isEqualTo(logoutsBefore + 1);
    }

    private long auditRows(String username, String action, String outcome) {
        return jdbc.sql("select count(*) from audit_event where action = ? and outcome = ? and actor = ?")
                .params(action, outcome, username).query(Long.class).single();
    }

    private long failedLogins(String username) {
        return jdbc.sql("select count(*) from audit_event where action = 'LOGIN' and outcome = 'failed' and actor = ?")
                .param(username).query(Long.class).single();
    }
}
