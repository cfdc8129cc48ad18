package com.devicecreds.portal.security.keycloak;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/**
 * The step-up before a batch decision: a sign-in started with {@code ?step-up=<route>} asks Keycloak
 * to authenticate the user again whatever their session ({@code prompt=login}, {@code max_age=0}), and
 * the sign-in comes back to that portal route instead of the start page.
 */
final class StepUpAuthorizationRequestResolver implements OAuth2AuthorizationRequestResolver {

    static final String PARAMETER = "step-up";
    private static final String RETURN_ROUTE = StepUpAuthorizationRequestResolver.class.getName() + ".route";
    /** Only portal routes come back: no open redirect. */
    private static final Pattern ROUTE = Pattern.compile("[a-z0-9/-]{1,100}");

    private final DefaultOAuth2AuthorizationRequestResolver defaults;

    StepUpAuthorizationRequestResolver(ClientRegistrationRepository registrations) {
        this.defaults = new DefaultOAuth2AuthorizationRequestResolver(registrations,
                OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
    }

    @Override
    public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
        return stepUp(request, defaults.resolve(request));
    }

    @Override
    public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
        return stepUp(request, defaults.resolve(request, clientRegistrationId));
    }

    private static OAuth2AuthorizationRequest stepUp(HttpServletRequest request, OAuth2AuthorizationRequest authorization) {
        String route = request.getParameter(PARAMETER);
        if (authorization == null || route == null || !ROUTE.matcher(route).matches()) {
            return authorization;
        }
        request.getSession().setAttribute(RETURN_ROUTE, route);
        return OAuth2AuthorizationRequest.from(authorization)
                .additionalParameters(parameters -> {
                    parameters.put("prompt", "login");
                    parameters.put("max_age", "0");
                })
                .build();
    }

    /** After a step-up sign-in, back to the route it started from; otherwise where Spring Security goes. */
    static AuthenticationSuccessHandler returningSuccessHandler() {
        var otherwise = new SavedRequestAwareAuthenticationSuccessHandler();
        return new AuthenticationSuccessHandler() {
            @Override
            public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                    Authentication authentication) throws IOException, ServletException {
                var session = request.getSession(false);
                Object route = session == null ? null : session.getAttribute(RETURN_ROUTE);
                if (route instanceof String path) {
                    session.removeAttribute(RETURN_ROUTE);
                    response.sendRedirect(request.getContextPath() + "/" + path);
                } else {
                    otherwise.onAuthenticationSuccess(request, response, authentication);
                }
            }
        };
    }
}
