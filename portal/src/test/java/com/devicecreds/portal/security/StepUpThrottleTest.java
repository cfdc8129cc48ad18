package com.devicecreds.portal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import com.devicecreds.access.Actor;
import com.devicecreds.access.CurrentActor;
import com.devicecreds.access.Roles;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.testsupport.RecordsAudit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wrong step-up passwords (docs/decisions/027-quorum-withdrawal-and-step-up.md): five are free, then
 * each locks the user's step-up for longer; every failure and every try while locked is audited;
 * the count lives in the database, so a second node sees the same lock.
 */
@PortalTest
class StepUpThrottleTest {

    private static final String USER = "pki.ben";

    @Autowired
    ApproverStepUp stepUp;
    @Autowired
    CurrentActor currentActor;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditLog auditLog;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    Clock clock;

    @AfterEach
    void unlock() {
        jdbc.sql("delete from step_up_failure where username = ?").param(USER).update();
    }

    private int audited(String refused) {
        return jdbc.sql("""
                        select count(*) from audit_event
                        where action = 'STEP_UP_FAILED' and actor = ? and outcome = 'denied' and details like ?""")
                .params(USER, "%\"refused\":\"" + refused + "\"%").query(Integer.class).single();
    }

    @Test
    @RecordsAudit(AuditAction.STEP_UP_FAILED)
    void the_fifth_wrong_password_locks_step_up_and_a_right_one_is_not_even_checked_while_locked() {
        int wrongBefore = audited("wrong password");
        int lockedBefore = audited("locked");
        try (var ben = SignedIn.as(SignedIn.user(USER, Optional.empty(), Roles.PKI_OPS))) {
            for (int i = 1; i <= 5; i++) {
                assertThat(stepUp.confirmPassword("guess-" + i)).isFalse();
            }
            assertThatThrownBy(() -> stepUp.confirmPassword("demo"))
                    .isInstanceOf(StepUpThrottledException.class).hasMessageContaining("locked for 1 min");

            Actor actor = currentActor.actor();
            var otherNode = new StepUpThrottle(jdbc, auditLog, transactions, clock);
            assertThatThrownBy(() -> otherNode.checkNotLocked(actor)).as("the lock is the database's, not the node's")
                    .isInstanceOf(StepUpThrottledException.class);
        }
        assertThat(audited("wrong password") - wrongBefore).isEqualTo(5);
        assertThat(audited("locked") - lockedBefore).isEqualTo(2);
        assertThat(jdbc.sql("select failures from step_up_failure where username = ?").param(USER).query(Integer.class).single())
                .isEqualTo(5);
    }

    @Test
    void once_the_lock_ends_each_further_failure_locks_for_twice_as_long_and_a_right_password_clears_the_count() {
        try (var ben = SignedIn.as(SignedIn.user(USER, Optional.empty(), Roles.PKI_OPS))) {
            for (int i = 1; i <= 5; i++) {
                stepUp.confirmPassword("guess-" + i);
            }
            jdbc.sql("update step_up_failure set locked_until = now() - interval '1 second' where username = ?").param(USER).update();
            assertThat(stepUp.confirmPassword("guess-6")).isFalse();
            assertThat(jdbc.sql("select extract(epoch from locked_until - last_failure_at)::int from step_up_failure where username = ?")
                    .param(USER).query(Integer.class).single()).as("seconds locked after the sixth").isEqualTo(60);

            jdbc.sql("update step_up_failure set locked_until = now() - interval '1 second' where username = ?").param(USER).update();
            assertThat(stepUp.confirmPassword("demo")).isTrue();
            assertThat(stepUp.recentlyAuthenticated(Duration.ofMinutes(5))).isTrue();
        }
        assertThat(jdbc.sql("select count(*) from step_up_failure where username = ?").param(USER).query(Integer.class).single())
                .isZero();
    }

    @Test
    void the_lock_doubles_from_thirty_seconds_up_to_an_hour() {
        assertThat(StepUpThrottle.lockAfter(4)).isEmpty();
        assertThat(StepUpThrottle.lockAfter(5)).contains(Duration.ofSeconds(30));
        assertThat(StepUpThrottle.lockAfter(6)).contains(Duration.ofSeconds(60));
        assertThat(StepUpThrottle.lockAfter(9)).contains(Duration.ofMinutes(8));
        assertThat(StepUpThrottle.lockAfter(12)).contains(Duration.ofHours(1));
        assertThat(StepUpThrottle.lockAfter(500)).contains(Duration.ofHours(1));
    }
}
