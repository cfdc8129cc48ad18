package com.devicecreds.portal.security.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/** The Keycloak step-up before a batch decision: what is asked of Keycloak, and when a sign-in counts as recent. */
class StepUpTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final StepUpAuthorizationRequestResolver resolver = new StepUpAuthorizationRequestResolver(
            new InMemoryClientRegistrationRepository(ClientRegistration.withRegistrationId("keycloak")
                    .clientId("credentials-portal").clientSecret("secret")
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}").scope("openid")
                    .authorizationUri("http://keycloak/auth").tokenUri("http://keycloak/token").build()));

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void a_step_up_sign_in_asks_keycloak_to_authenticate_again_and_returns_to_the_batch() throws Exception {
        var request = new MockHttpServletRequest("GET", "/oauth2/authorization/keycloak");
        request.setServletPath("/oauth2/authorization/keycloak");
        request.setParameter("step-up", "loading/approvals/42");

        var authorization = resolver.resolve(request);

        assertThat(authorization.getAdditionalParameters()).containsEntry("prompt", "login").containsEntry("max_age", "0")
                .containsEntry("acr_values", "approval");
        assertThat(authorization.getAuthorizationRequestUri()).contains("prompt=login").contains("max_age=0")
                .contains("acr_values=approval");
        var response = new MockHttpServletResponse();
        // Vaadin's success handler is a saved-request-aware one: it returns to the batch.
        new org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler()
                .onAuthenticationSuccess(request, response, new TestingAuthenticationToken("pki.ben", null));
        assertThat(response.getRedirectedUrl()).startsWith("http://localhost/loading/approvals/42");
    }

    @Test
    void an_ordinary_sign_in_and_a_foreign_return_address_ask_nothing_more() {
        var plain = new MockHttpServletRequest("GET", "/oauth2/authorization/keycloak");
        plain.setServletPath("/oauth2/authorization/keycloak");
        var foreign = new MockHttpServletRequest("GET", "/oauth2/authorization/keycloak");
        foreign.setServletPath("/oauth2/authorization/keycloak");
        foreign.setParameter("step-up", "https://evil.example/");

        for (var request : List.of(plain, foreign)) {
            var authorization = resolver.resolve(request);
            assertThat(authorization.getAdditionalParameters()).doesNotContainKeys("prompt", "max_age", "acr_values");
            assertThat(request.getSession().getAttributeNames().hasMoreElements()).isFalse();
        }
    }

    @Test
    void a_decision_counts_as_reauthenticated_only_while_the_id_tokens_auth_time_is_recent_and_its_acr_is_the_approval_level() {
        var stepUp = new OidcStepUp(Clock.fixed(NOW, ZoneOffset.UTC));
        Duration maxAge = Duration.ofMinutes(5);

        signedInAt(NOW.minus(Duration.ofMinutes(4)), "approval");
        assertThat(stepUp.recentlyAuthenticated(maxAge)).isTrue();
        signedInAt(NOW.minus(Duration.ofMinutes(4)), "sign-in");
        assertThat(stepUp.recentlyAuthenticated(maxAge)).as("recent, but a password only").isFalse();
        signedInAt(NOW.minus(Duration.ofMinutes(4)), null);
        assertThat(stepUp.recentlyAuthenticated(maxAge)).as("no acr claim").isFalse();
        signedInAt(NOW.minus(Duration.ofMinutes(6)), "approval");
        assertThat(stepUp.recentlyAuthenticated(maxAge)).isFalse();
        signedInAt(null, "approval");
        assertThat(stepUp.recentlyAuthenticated(maxAge)).as("no auth_time claim").isFalse();
        SecurityContextHolder.clearContext();
        assertThat(stepUp.recentlyAuthenticated(maxAge)).isFalse();
        assertThat(stepUp.signInAgainUrl("loading/approvals/7")).contains("/oauth2/authorization/keycloak?step-up=loading%2Fapprovals%2F7");
        assertThat(stepUp.confirmPassword("demo")).isFalse();
    }

    private static void signedInAt(Instant authTime, String acr) {
        var claims = new java.util.HashMap<String, Object>(Map.of(IdTokenClaimNames.SUB, "pki.ben", "preferred_username", "pki.ben"));
        if (authTime != null) {
            claims.put(IdTokenClaimNames.AUTH_TIME, authTime);
        }
        if (acr != null) {
            claims.put(IdTokenClaimNames.ACR, acr);
        }
        var token = new OidcIdToken("token", NOW.minusSeconds(1), NOW.plusSeconds(300), claims);
        var user = new DefaultOidcUser(List.of(), token);
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(user, null, List.of()));
    }
}
