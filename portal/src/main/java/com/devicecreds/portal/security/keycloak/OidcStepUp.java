package com.devicecreds.portal.security.keycloak;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.devicecreds.portal.security.ApproverStepUp;
import org.springframework.context.annotation.Profile;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * Keycloak sign-in: the approver signs in again at Keycloak ({@code prompt=login}, {@code max_age=0},
 * {@code acr_values}, added by {@link StepUpAuthorizationRequestResolver}), and a decision is accepted
 * only while the ID token's {@code auth_time} is recent and its {@code acr} is the level approvals
 * need: a password-only sign-in, however recent, does not count.
 */
@Component
@Profile(KeycloakSecurityConfiguration.PROFILE)
class OidcStepUp implements ApproverStepUp {

    private final Clock clock;

    OidcStepUp(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean recentlyAuthenticated(Duration maxAge) {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof OidcUser user)) {
            return false;
        }
        return StepUpAuthorizationRequestResolver.APPROVAL_ACR.equals(user.getIdToken().getAuthenticationContextClass())
                && recent(user.getIdToken().getAuthenticatedAt(), maxAge, clock.instant());
    }

    static boolean recent(Instant authTime, Duration maxAge, Instant now) {
        return authTime != null && !authTime.plus(maxAge).isBefore(now) && !authTime.isAfter(now.plusSeconds(60));
    }

    @Override
    public Optional<String> signInAgainUrl(String route) {
        return Optional.of(KeycloakSecurityConfiguration.LOGIN_PAGE + "?" + StepUpAuthorizationRequestResolver.PARAMETER + "="
                + URLEncoder.encode(route, StandardCharsets.UTF_8));
    }

    /** The password never reaches the portal with Keycloak. */
    @Override
    public boolean confirmPassword(String password) {
        return false;
    }
}
