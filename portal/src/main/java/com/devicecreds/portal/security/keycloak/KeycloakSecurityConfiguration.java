package com.devicecreds.portal.security.keycloak;

import com.devicecreds.access.OperatorDirectory;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.portal.security.BrowserHardening;
import com.devicecreds.portal.ui.chart.ChartEndpoint;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Sign-in through Keycloak with OpenID Connect (authorization code flow), for every deployed
 * instance. Spring Security's own OAuth2 client replaces the retired Keycloak adapters. Sign-out is
 * RP-initiated: it ends the Keycloak session too and comes back to the portal. The realm, its
 * claim mappers and how to run it locally are in docs/keycloak/.
 */
@Configuration(proxyBeanMethods = false)
@Profile(KeycloakSecurityConfiguration.PROFILE)
class KeycloakSecurityConfiguration {

    static final String PROFILE = "keycloak";
    static final String REGISTRATION_ID = "keycloak";
    /** Starts the authorization code flow; also where Vaadin sends users who are not signed in. */
    static final String LOGIN_PAGE = OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI
            + "/" + REGISTRATION_ID;
    /** After Keycloak's sign-out, back to the portal's root (which asks Keycloak for a new sign-in). */
    static final String POST_LOGOUT_REDIRECT = "{baseUrl}";

    /** Runs before any bean is created, so a wrong profile combination fails the start at once. */
    @Bean
    static BeanFactoryPostProcessor keycloakLoginProfileGuard(Environment environment) {
        return beanFactory -> LoginProfileGuard.check(environment);
    }

    @Bean
    SecurityFilterChain keycloakSecurityFilterChain(HttpSecurity http, OperatorDirectory operators, AuditLog auditLog,
            BrowserHardening hardening, ClientRegistrationRepository registrations) throws Exception {
        var users = new KeycloakUserService(code -> operators.byCode(code).isPresent());
        hardening.apply(http);
        ChartEndpoint.signedInOnly(http);
        http.oauth2Login(login -> login
                .userInfoEndpoint(userInfo -> userInfo.oidcUserService(users))
                // Approving a credential batch signs the approver in again (decision 014).
                .authorizationEndpoint(endpoint -> endpoint
                        .authorizationRequestResolver(new StepUpAuthorizationRequestResolver(registrations)))
                .failureHandler(new LoginRefusedHandler(auditLog)));
        return http.with(VaadinSecurityConfigurer.vaadin(),
                        vaadin -> vaadin.oauth2LoginPage(LOGIN_PAGE, POST_LOGOUT_REDIRECT))
                .build();
    }

    /** The sign-in refused page exists only in this profile. */
    @Bean
    VaadinServiceInitListener loginRefusedRoute() {
        return event -> RouteConfiguration.forApplicationScope().setRoute(LoginRefusedView.PATH, LoginRefusedView.class);
    }
}
