package com.devicecreds.portal.api;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The REST API's own filter chain, ahead of the browser's (Vaadin) chain: stateless bearer tokens, no
 * session, no CSRF (no cookie authenticates an API call, so there is nothing to forge), problems for
 * every refusal, and a rate limit per client. The OpenAPI document is public; everything else needs
 * a token, and the services decide by role and operator as for the UI (decisions 031, 032).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiProperties.class)
class ApiSecurityConfiguration {

    static final String OPENAPI_PATH = "/api/v1/openapi.json";

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ApiAuthenticator authenticator,
            ProblemResponses problems, ApiProperties properties, Clock clock) throws Exception {
        AuthenticationManager bearer = authentication -> authentication instanceof BearerTokenAuthenticationToken token
                ? authenticator.authenticate(token.getToken()) : null;
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, OPENAPI_PATH).permitAll()
                        .anyRequest().authenticated())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .oauth2ResourceServer(server -> server
                        .authenticationManagerResolver(request -> bearer)
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterAfter(new RateLimits(properties, problems, clock), BearerTokenAuthenticationFilter.class);
        return http.build();
    }
}
