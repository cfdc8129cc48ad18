package com.devicecreds.portal.security;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.stereotype.Component;

/**
 * Response headers every login profile adds to Spring Security's defaults (no sniffing, no framing,
 * no caching of pages, HSTS on HTTPS): a content security policy, a referrer policy and a permissions
 * policy. Vaadin's client needs inline styles and scripts and {@code eval} for its JavaScript calls,
 * so the policy's value is in what it forbids besides: other origins for scripts, styles, fonts,
 * images and connections; plugins; framing; a foreign base URI; forms posting elsewhere. Vaadin
 * writes its page afresh (dropping what the security filters set), so the page gets the same
 * headers from Vaadin's own page listener.
 */
@Component
public class BrowserHardening implements VaadinServiceInitListener {

    static final String KEYCLOAK_ISSUER = "spring.security.oauth2.client.provider.keycloak.issuer-uri";

    private final String policy;
    private final Map<String, String> pageHeaders = new LinkedHashMap<>();

    BrowserHardening(Environment environment) {
        // With Keycloak, signing out ends the Keycloak session too: the logout form's redirect goes there.
        String formTargets = environment.acceptsProfiles(Profiles.of("keycloak"))
                ? origin(environment.getProperty(KEYCLOAK_ISSUER, "")) : "";
        policy = String.join("; ",
                "default-src 'self'",
                "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
                "style-src 'self' 'unsafe-inline'",
                "img-src 'self' data: blob:",
                "font-src 'self' data:",
                "connect-src 'self'",
                "object-src 'none'",
                "base-uri 'self'",
                "frame-ancestors 'none'",
                ("form-action 'self' " + formTargets).strip());
        pageHeaders.put("Content-Security-Policy", policy);
        pageHeaders.put("Referrer-Policy", "same-origin");
        pageHeaders.put("Permissions-Policy", PERMISSIONS);
        pageHeaders.put("X-Content-Type-Options", "nosniff");
        pageHeaders.put("X-Frame-Options", "DENY");
        pageHeaders.put("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
    }

    private static final String PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    /** For a login profile's filter chain. */
    public void apply(HttpSecurity http) throws Exception {
        http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(policy))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                .permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS)));
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.addIndexHtmlRequestListener(page -> pageHeaders.forEach(page.getVaadinResponse()::setHeader));
    }

    static String origin(String uri) {
        if (uri.isBlank()) {
            return "";
        }
        var parsed = URI.create(uri);
        return parsed.getScheme() + "://" + parsed.getAuthority();
    }
}
