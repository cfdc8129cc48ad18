package com.devicecreds.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.devicecreds.portal.PortalTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Pages carry the hardening headers, and signing in starts a new session (no session fixation). */
@PortalTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SessionAndHeadersEndToEndTest {

    @LocalServerPort
    int port;

    @Test
    void pages_carry_the_security_headers() throws Exception {
        var response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        var headers = response.headers();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(headers.map()).as("all headers").containsKey("content-security-policy");
        assertThat(headers.firstValue("Content-Security-Policy")).get().asString()
                .contains("frame-ancestors 'none'", "object-src 'none'", "default-src 'self'", "form-action 'self'");
        assertThat(headers.firstValue("X-Frame-Options")).contains("DENY");
        assertThat(headers.firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(headers.firstValue("Referrer-Policy")).contains("same-origin");
        assertThat(headers.firstValue("Permissions-Policy")).get().asString().contains("camera=()");
        assertThat(headers.firstValue("Cache-Control")).get().asString().contains("no-store");
    }

    @Test
    void signing_in_starts_a_new_session_and_the_page_works_under_the_policy() {
        try (var browser = new Browser(port)) {
            browser.open("/login");
            browser.waitFor(By.cssSelector("vaadin-login-form #vaadinLoginUsername input"));
            String before = (String) browser.script(
                    "return document.cookie"); // HttpOnly: the session cookie is not readable by scripts
            assertThat(before).doesNotContain("JSESSIONID");
            String sessionBefore = browser.cookie("JSESSIONID");

            browser.signIn("pki.anna", "demo");
            browser.waitFor(By.className("user-menu"));
            String sessionAfter = browser.cookie("JSESSIONID");

            assertThat(sessionBefore).isNotBlank();
            assertThat(sessionAfter).isNotBlank().isNotEqualTo(sessionBefore);
            // The dashboard renders under the content security policy: its tiles are there.
            browser.waitFor(By.cssSelector(".tile"));
            assertThat(browser.consoleErrors()).noneMatch(e -> e.contains("Content Security Policy"));
        }
    }
}
