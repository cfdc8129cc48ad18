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

/**
 * A user creates a personal API token on the user menu, copies it once, calls the REST API with it
 * as themselves, and revokes it, after which the API refuses it.
 */
@PortalTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ApiTokensEndToEndTest {

    @LocalServerPort
    int port;

    @Test
    void a_token_made_on_the_user_menu_calls_the_api_until_it_is_revoked() throws Exception {
        try (var browser = new Browser(port)) {
            browser.signIn("op.sunwave", "demo");
            browser.waitFor(By.className("user-menu")).click();
            browser.waitFor(By.xpath("//vaadin-menu-bar-item[contains(., 'API tokens')]")).click();
            browser.waitFor(By.cssSelector(".api-tokens-dialog"));
            browser.waitFor(By.cssSelector(".api-tokens-dialog vaadin-text-field input")).sendKeys("sunwave billing export");
            browser.waitFor(By.cssSelector(".create-token")).click();
            browser.waitUntilVaadinIsIdle();
            String token = (String) browser.script("return document.querySelector('.token-secret').value");
            assertThat(token).startsWith("cpat_");
            browser.screenshot("api-tokens.png");

            assertThat(call(token, "/api/v1/missing-ids?operator=sunwave").statusCode()).isEqualTo(200);
            assertThat(call(token, "/api/v1/missing-ids?operator=nordkabel").statusCode()).isEqualTo(404);

            browser.script("arguments[0].click()", browser.waitFor(By.xpath("//vaadin-button[contains(., 'Revoke')]")));
            browser.waitUntilVaadinIsIdle();
            browser.waitFor(By.xpath("//vaadin-grid-cell-content[contains(., 'Revoked')]"));
            browser.screenshot("api-tokens-revoked.png");
            assertThat(call(token, "/api/v1/pools").statusCode()).isEqualTo(401);
        }
    }

    private HttpResponse<String> call(String token, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }
}
