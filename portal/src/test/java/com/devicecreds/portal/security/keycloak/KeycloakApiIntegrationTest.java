package com.devicecreds.portal.security.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The REST API as a resource server of the real Keycloak: the realm's example service clients get
 * access tokens with the client-credentials grant, and the API applies the roles and operator those
 * tokens carry in the same claims the UI reads. A token Keycloak did not sign is refused.
 */
class KeycloakApiIntegrationTest extends KeycloakPortalTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void an_operator_bound_service_account_sees_its_operator_only() throws Exception {
        String token = keycloak.clientCredentialsToken("nordkabel-backoffice", "nordkabel-backoffice-local-secret");
        var pools = get(token, "/api/v1/pools");
        assertThat(pools.statusCode()).as(pools.body()).isEqualTo(200);
        List<Object> list = JsonParserFactory.getJsonParser().parseList(pools.body());
        assertThat(list).isNotEmpty().allSatisfy(pool -> assertThat(((Map<?, ?>) pool).get("operator"))
                .isIn("nordkabel", null));
        String period = "?from=" + LocalDate.now(ZoneOffset.UTC).minusDays(7) + "&to=" + LocalDate.now(ZoneOffset.UTC);
        assertThat(get(token, "/api/v1/usage" + period + "&operator=nordkabel").statusCode()).isEqualTo(200);
        assertThat(get(token, "/api/v1/usage" + period + "&operator=sunwave").statusCode()).isEqualTo(404);
        assertThat(get(token, "/api/v1/devices/AA:BB:CC:DD:EE:FF/lineage").statusCode()).isEqualTo(403);
    }

    @Test
    void a_pki_operations_service_account_works_across_operators_and_a_forged_token_is_refused() throws Exception {
        String token = keycloak.clientCredentialsToken("pki-automation", "pki-automation-local-secret");
        String period = "?from=" + LocalDate.now(ZoneOffset.UTC).minusDays(7) + "&to=" + LocalDate.now(ZoneOffset.UTC);
        assertThat(get(token, "/api/v1/usage" + period + "&operator=sunwave").statusCode()).isEqualTo(200);
        assertThat(get(token, "/api/v1/alerts").statusCode()).isEqualTo(200);
        assertThat(get(token, "/api/v1/audit/export?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z").statusCode())
                .isEqualTo(403);

        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        var refused = get(forged, "/api/v1/alerts");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    private HttpResponse<String> get(String token, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
