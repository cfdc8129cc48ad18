package com.devicecreds.portal.security.keycloak;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/**
 * The step-up before a batch decision: a sign-in started with {@code ?step-up=<route>} asks Keycloak
 * to authenticate the user again whatever their session ({@code prompt=login}, {@code max_age=0}),
 * at the level of authentication approvals need ({@code acr_values=}{@value #APPROVAL_ACR}: the
 * realm's flow adds a one-time code, docs/decisions/027-quorum-withdrawal-and-step-up.md), and
 * the sign-in comes back to that portal route instead of the start page. The route is kept as the
 * session's saved request, which the sign-in's success handler (Vaadin's saved-request-aware one)
 * redirects to; a handler of our own would be replaced by Vaadin's security configurer.
 */
final class StepUpAuthorizationRequestResolver implements OAuth2AuthorizationRequestResolver {

    static final String PARAMETER = "step-up";
    /** The realm's acr of level 2 ({@code acr.loa.map} in docs/keycloak/credentials-portal-realm.json). */
    static final String APPROVAL_ACR = "approval";
    /** Only portal routes come back: no open redirect. */
    private static final Pattern ROUTE = Pattern.compile("[a-z0-9/-]{1,100}");

    private final DefaultOAuth2AuthorizationRequestResolver defaults;
    private final HttpSessionRequestCache requestCache = new HttpSessionRequestCache();

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

    private OAuth2AuthorizationRequest stepUp(HttpServletRequest request, OAuth2AuthorizationRequest authorization) {
        String route = request.getParameter(PARAMETER);
        if (authorization == null || route == null || !ROUTE.matcher(route).matches()) {
            return authorization;
        }
        requestCache.saveRequest(new RouteRequest(request, route), null);
        return OAuth2AuthorizationRequest.from(authorization)
                .additionalParameters(parameters -> {
                    parameters.put("prompt", "login");
                    parameters.put("max_age", "0");
                    parameters.put("acr_values", APPROVAL_ACR);
                })
                .build();
    }

    /** The sign-in request seen as a GET of the portal route, so that it is saved as the place to return to. */
    private static final class RouteRequest extends HttpServletRequestWrapper {

        private final String path;

        RouteRequest(HttpServletRequest request, String route) {
            super(request);
            this.path = "/" + route;
        }

        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public String getRequestURI() {
            return getContextPath() + path;
        }

        @Override
        public StringBuffer getRequestURL() {
            var url = new StringBuffer(getScheme()).append("://").append(getServerName());
            if (!(getScheme().equals("http") && getServerPort() == 80) && !(getScheme().equals("https") && getServerPort() == 443)) {
                url.append(':').append(getServerPort());
            }
            return url.append(getRequestURI());
        }

        @Override
        public String getServletPath() {
            return path;
        }

        @Override
        public String getPathInfo() {
            return null;
        }

        @Override
        public String getQueryString() {
            return null;
        }

        @Override
        public java.util.Map<String, String[]> getParameterMap() {
            return java.util.Map.of();
        }
    }
}
