package com.devicecreds.portal.operations;

import jakarta.servlet.http.HttpServletResponse;

import com.devicecreds.access.Roles;
import com.devicecreds.portal.PortalProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The actuator, ahead of the UI's login chain. Health (liveness and readiness probes included) and
 * info are open to probes: they carry no operator data (health details only for signed-in users).
 * {@code /actuator/prometheus} carries business figures of every operator, so only a scraper with the
 * scrape credentials reads it, by HTTP Basic; without a scrape password it is refused to everyone
 * (docs/decisions/029-business-metrics-and-scraping.md). Everything else of the actuator is refused.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ActuatorSecurityConfiguration.class);

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain actuatorSecurityFilterChain(HttpSecurity http, PortalProperties properties) throws Exception {
        var scrapers = new ScrapeCredentials(properties.metrics());
        if (!scrapers.enabled()) {
            log.warn("No portal.metrics.scrape-password (METRICS_SCRAPE_PASSWORD) is set: /actuator/prometheus refuses every scrape");
        }
        return http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/actuator/prometheus").hasAuthority(Roles.METRICS_SCRAPER)
                        .anyRequest().denyAll())
                // 401 with the challenge, written here: sendError would go on to the error page, whose
                // chain (the UI's) answers an unauthenticated caller with a redirect to the sign-in.
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, refused) -> {
                    response.setHeader("WWW-Authenticate", "Basic realm=\"credentials-portal metrics\"");
                    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                }))
                .authenticationManager(scrapers)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }
}
