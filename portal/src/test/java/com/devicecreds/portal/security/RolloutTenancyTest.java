package com.devicecreds.portal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import com.devicecreds.access.OperatorRef;
import com.devicecreds.access.Roles;
import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.database.SchemaOwner;
import com.devicecreds.reporting.rollout.NewRollout;
import com.devicecreds.reporting.rollout.Rollout;
import com.devicecreds.reporting.rollout.RolloutListPart;
import com.devicecreds.reporting.rollout.RolloutRefusedException;
import com.devicecreds.reporting.rollout.RolloutService;
import com.devicecreds.reporting.rollout.RolloutType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * Rollouts between two tenants: operator staff of A see, follow and acknowledge A's rollouts only
 * and plan, approve or cancel none; PKI operations and project managers see both. Each public
 * method of {@link RolloutService} is tried here ({@link #COVERED}, checked by TenantIsolationTest).
 */
@PortalTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RolloutTenancyTest {

    static final Set<String> COVERED = Set.of(
            "RolloutService.list()",
            "RolloutService.find(long)",
            "RolloutService.progress(long)",
            "RolloutService.typeChoices(OperatorRef)",
            "RolloutService.listPartChoices(OperatorRef, int)",
            "RolloutService.create(NewRollout)",
            "RolloutService.approve(long)",
            "RolloutService.acknowledge(long)",
            "RolloutService.cancel(long, String)");

    @Autowired
    RolloutService rollouts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    @SchemaOwner
    DataSource schemaOwner;

    private OperatorRef a;
    private OperatorRef b;
    private TenantFixture.Type typeOfA;
    private TenantFixture.Type typeOfB;
    private long rolloutOfA;
    private long rolloutOfB;
    private long partOfB;

    @BeforeAll
    void twoTenants() {
        var fixture = new TenantFixture(jdbc, JdbcClient.create(schemaOwner));
        a = fixture.operator("roll-a");
        b = fixture.operator("roll-b");
        typeOfA = fixture.type("roll-own-a", a);
        typeOfB = fixture.type("roll-own-b", b);
        fixture.load(typeOfA, 5, 0);
        fixture.load(typeOfB, 5, 0);
        partOfB = jdbc.sql("""
                        insert into authorized_list_part (operator_id, credential_type_id, part_number, source_name)
                        values (?, ?, 1, 'b.csv') returning id""").params(b.id(), typeOfB.id()).query(Long.class).single();
        rolloutOfA = rollout(a, typeOfA);
        rolloutOfB = rollout(b, typeOfB);
        fixture.events(b, typeOfB, "delivered", null, 4, java.time.Duration.ofHours(1));
        fixture.events(b, typeOfB, "rejected", "not-on-authorized-list", 2, java.time.Duration.ofHours(1));
    }

    @Test
    void operator_staff_see_and_follow_their_own_operators_rollouts_only() {
        try (var staffOfA = SignedIn.as(SignedIn.operatorStaff(a.code()))) {
            assertThat(rollouts.list()).extracting(Rollout::id).contains(rolloutOfA).doesNotContain(rolloutOfB);
            assertThat(rollouts.list()).extracting(r -> r.operator().id()).containsOnly(a.id());
            assertThat(rollouts.find(rolloutOfA)).isPresent();
            assertThat(rollouts.find(rolloutOfB)).isEmpty();
            assertThat(rollouts.progress(rolloutOfA)).isPresent();
            assertThat(rollouts.progress(rolloutOfB)).isEmpty();
            assertThatThrownBy(() -> rollouts.acknowledge(rolloutOfB)).isInstanceOf(RolloutRefusedException.class)
                    .hasMessageContaining("There is no rollout");
        }
        assertThat(jdbc.sql("select acknowledged_by from rollout where id = ?").param(rolloutOfB).query(String.class).optional())
                .isEmpty();
    }

    @Test
    void operator_staff_can_neither_plan_nor_approve_nor_cancel_nor_list_another_operators_choices() {
        var today = LocalDate.now(ZoneOffset.UTC);
        try (var staffOfA = SignedIn.as(SignedIn.operatorStaff(a.code()))) {
            assertThatThrownBy(() -> rollouts.typeChoices(b)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> rollouts.listPartChoices(b, typeOfB.id())).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> rollouts.create(new NewRollout(b, typeOfB.id(), "Sneaky", 5, today, today.plusDays(3),
                    "x@demo.invalid", List.of()))).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> rollouts.approve(rolloutOfB)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> rollouts.cancel(rolloutOfB, "no")).isInstanceOf(AccessDeniedException.class);
        }
        assertThat(jdbc.sql("select count(*) from rollout where name = 'Sneaky'").query(Long.class).single()).isZero();
    }

    @Test
    void project_managers_see_both_tenants_and_choose_each_operators_own_types_and_parts() {
        try (var pm = SignedIn.as(SignedIn.user("pm.felix", java.util.Optional.empty(), Roles.PROJECT_MANAGER))) {
            assertThat(rollouts.list()).extracting(Rollout::id).contains(rolloutOfA, rolloutOfB);
            assertThat(rollouts.typeChoices(b)).extracting(RolloutType::id).containsExactly(typeOfB.id());
            assertThat(rollouts.listPartChoices(b, typeOfB.id())).extracting(RolloutListPart::id).containsExactly(partOfB);
            assertThat(rollouts.listPartChoices(a, typeOfB.id())).isEmpty();
            var progress = rollouts.progress(rolloutOfB).orElseThrow();
            assertThat(progress.delivered()).isEqualTo(4);
            assertThat(progress.rejected()).isEqualTo(2);
            assertThat(rollouts.progress(rolloutOfA).orElseThrow().delivered()).isZero();
            var today = LocalDate.now(ZoneOffset.UTC);
            assertThatThrownBy(() -> rollouts.create(new NewRollout(a, typeOfB.id(), "Wrong type", 5, today, today.plusDays(3),
                    "pm.felix@demo.invalid", List.of()))).hasMessageContaining("not authorized for that credential type");
        }
    }

    private long rollout(OperatorRef operator, TenantFixture.Type type) {
        var today = LocalDate.now(ZoneOffset.UTC);
        return jdbc.sql("""
                        insert into rollout (operator_id, credential_type_id, name, target_devices, window_start, window_end,
                                             project_manager_email, created_by, approved_by, approved_at, go_ahead_at)
                        values (?, ?, ?, 100, ?, ?, 'pm.clara@demo.invalid', 'pm.clara', 'pm.felix', now(), now())
                        returning id""")
                .params(operator.id(), type.id(), "Rollout of " + operator.code(), today.minusDays(3), today.plusDays(10))
                .query(Long.class).single();
    }
}
