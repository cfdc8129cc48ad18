package com.devicecreds.portal.api;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A token bucket per API client (an API token, a service account; unauthenticated calls per address):
 * {@link ApiProperties#rateCapacity()} requests at once, refilled at {@link ApiProperties#ratePerSecond()}.
 * A call over the limit gets 429 with {@code Retry-After} in whole seconds. The buckets are per node:
 * with n nodes behind a balancer a client gets up to n times the rate (decision 032).
 */
final class RateLimits extends OncePerRequestFilter {

    private final ApiProperties properties;
    private final ProblemResponses problems;
    private final Clock clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimits(ApiProperties properties, ProblemResponses problems, Clock clock) {
        this.properties = properties;
        this.problems = problems;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long waitMillis = buckets.computeIfAbsent(client(request), key -> new Bucket(properties.rateCapacity()))
                .take(clock.millis(), properties.rateCapacity(), properties.ratePerSecond());
        if (waitMillis > 0) {
            long seconds = Math.max(1, (waitMillis + 999) / 1000);
            response.setHeader("Retry-After", Long.toString(seconds));
            problems.write(response, Problems.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
                    "This client sent more than " + properties.rateCapacity() + " requests at once or more than "
                            + properties.ratePerSecond() + " per second; try again in " + seconds + " s."));
            return;
        }
        chain.doFilter(request, response);
    }

    private static String client(HttpServletRequest request) {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof ApiAuthentication api ? "client:" + api.getPrincipal().client()
                : "address:" + request.getRemoteAddr();
    }

    /** Tokens left and when they were last counted; one lock per client. */
    private static final class Bucket {

        private double tokens;
        private long updatedAt = -1;

        Bucket(int capacity) {
            this.tokens = capacity;
        }

        /** Takes a token: 0 when one was there, else how long until one will be. */
        synchronized long take(long now, int capacity, double perSecond) {
            if (updatedAt >= 0) {
                tokens = Math.min(capacity, tokens + (now - updatedAt) * perSecond / 1000.0);
            }
            updatedAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) * 1000.0 / perSecond);
        }
    }
}
