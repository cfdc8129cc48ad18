package com.devicecreds.portal.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(30), Duration.ofMinutes(5), 5);
    private final Instant now = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void the_wait_doubles_after_each_failure_up_to_the_cap() {
        assertThat(policy.nextAttempt(1, now)).contains(now.plusSeconds(30));
        assertThat(policy.nextAttempt(2, now)).contains(now.plusSeconds(60));
        assertThat(policy.nextAttempt(3, now)).contains(now.plusSeconds(120));
        assertThat(policy.nextAttempt(4, now)).contains(now.plusSeconds(240));
    }

    @Test
    void the_wait_never_exceeds_the_cap() {
        var patient = new RetryPolicy(Duration.ofSeconds(30), Duration.ofMinutes(5), 100);
        assertThat(patient.nextAttempt(10, now)).contains(now.plus(Duration.ofMinutes(5)));
        assertThat(patient.nextAttempt(60, now)).contains(now.plus(Duration.ofMinutes(5)));
    }

    @Test
    void after_the_last_attempt_there_is_no_next_one() {
        assertThat(policy.nextAttempt(5, now)).isEmpty();
    }
}
