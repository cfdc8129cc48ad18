package com.devicecreds.portal.operations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import com.devicecreds.access.Roles;
import com.devicecreds.portal.PortalProperties;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Checks the HTTP Basic credentials of a Prometheus scrape against {@code portal.metrics.scrape-username}
 * and {@code .scrape-password} (METRICS_SCRAPE_PASSWORD in prod). Only the actuator's filter chain uses
 * it, so it never signs anyone into the UI. Without a password configured, every scrape is refused.
 * Compared in constant time, on SHA-256 digests so that the lengths do not show either.
 */
final class ScrapeCredentials implements AuthenticationManager {

    private final byte[] username;
    private final byte[] password;

    ScrapeCredentials(PortalProperties.Metrics settings) {
        this.username = sha256(settings.scrapeUsername());
        this.password = settings.scrapePassword().isEmpty() ? null : sha256(settings.scrapePassword());
    }

    boolean enabled() {
        return password != null;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String name = authentication.getName();
        Object credentials = authentication.getCredentials();
        boolean userMatches = MessageDigest.isEqual(username, sha256(name == null ? "" : name));
        boolean passwordMatches = password != null && credentials != null
                && MessageDigest.isEqual(password, sha256(credentials.toString()));
        if (!(userMatches && passwordMatches)) {
            throw new BadCredentialsException("Wrong scrape credentials");
        }
        return UsernamePasswordAuthenticationToken.authenticated(name, null,
                List.of(new SimpleGrantedAuthority(Roles.METRICS_SCRAPER)));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
