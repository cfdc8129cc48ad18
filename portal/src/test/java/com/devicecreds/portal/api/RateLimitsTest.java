package com.devicecreds.portal.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import com.devicecreds.access.Roles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.unit.DataSize;

/**
 * The token bucket per client: a burst of its capacity passes, the next call gets 429 with a problem
 * and Retry-After, another client is not affected, and the bucket refills with time.
 */
class RateLimitsTest {

    private final MovableClock clock = new MovableClock();
    private final RateLimits limits = new RateLimits(new ApiProperties(3, 0.5, DataSize.ofMegabytes(1), Duration.ofDays(1)),
            new ProblemResponses(ApiClient.JSON), clock);

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void a_client_over_its_burst_gets_429_with_retry_after_until_its_bucket_refills() throws Exception {
        as("api-token:1");
        for (int i = 0; i < 3; i++) {
            assertThat(call().getStatus()).isEqualTo(200);
        }
        var refused = call();
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("2");
        assertThat(refused.getContentType()).isEqualTo("application/problem+json");
        var problem = ApiClient.JSON.readTree(refused.getContentAsString());
        assertThat(problem.get("type").asString()).isEqualTo("/api/v1/problems/rate-limited");
        assertThat(problem.get("status").asInt()).isEqualTo(429);

        as("api-token:2");
        assertThat(call().getStatus()).as("another client has its own bucket").isEqualTo(200);

        as("api-token:1");
        clock.advance(Duration.ofMillis(1999));
        assertThat(call().getStatus()).isEqualTo(429);
        clock.advance(Duration.ofMillis(2));
        assertThat(call().getStatus()).isEqualTo(200);
        assertThat(call().getStatus()).isEqualTo(429);
        clock.advance(Duration.ofMinutes(10));
        for (int i = 0; i < 3; i++) {
            assertThat(call().getStatus()).as("refilled to its capacity, no more").isEqualTo(200);
        }
        assertThat(call().getStatus()).isEqualTo(429);
    }

    @Test
    void calls_without_a_token_are_limited_per_address() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(call("10.0.0.1").getStatus()).isEqualTo(200);
        }
        assertThat(call("10.0.0.1").getStatus()).isEqualTo(429);
        assertThat(call("10.0.0.2").getStatus()).isEqualTo(200);
    }

    private MockHttpServletResponse call() throws Exception {
        return call("127.0.0.1");
    }

    private MockHttpServletResponse call(String address) throws Exception {
        var request = new MockHttpServletRequest("GET", "/api/v1/pools");
        request.setRemoteAddr(address);
        var response = new MockHttpServletResponse();
        limits.doFilter(request, response, new MockFilterChain());
        return response;
    }

    private static void as(String client) {
        var principal = new ApiPrincipal("user", "User", Optional.empty(), client);
        SecurityContextHolder.getContext().setAuthentication(
                new ApiAuthentication(principal, List.of(new SimpleGrantedAuthority(Roles.ROLE_PREFIX + Roles.PKI_OPS))));
    }

    private static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-12-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
