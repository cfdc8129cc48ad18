package com.devicecreds.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ActorTest {

    private static final OperatorRef NORDKABEL = new OperatorRef((short) 1, "nordkabel");

    @Test
    void operator_staff_are_scoped_to_their_operator() {
        var staff = new Actor("op.nina", "Nina", Set.of(Roles.OPERATOR_STAFF), Optional.of(NORDKABEL));

        assertThat(staff.scope()).isEqualTo(OperatorScope.only(NORDKABEL));
    }

    @Test
    void operator_staff_without_an_operator_have_no_scope_at_all() {
        var staff = new Actor("op.lost", "Lost", Set.of(Roles.OPERATOR_STAFF), Optional.empty());

        assertThatThrownBy(staff::scope).isInstanceOf(IllegalStateException.class).hasMessageContaining("op.lost");
    }

    @Test
    void operator_staff_with_a_second_role_are_still_scoped_to_their_operator() {
        var staff = new Actor("op.nina", "Nina", Set.of(Roles.OPERATOR_STAFF, Roles.PKI_OPS), Optional.of(NORDKABEL));

        assertThat(staff.scope().operator()).contains(NORDKABEL);
    }

    @Test
    void every_other_role_sees_all_operators() {
        for (String role : Roles.all()) {
            if (!role.equals(Roles.OPERATOR_STAFF)) {
                var actor = new Actor("someone", "Someone", Set.of(role), Optional.empty());
                assertThat(actor.scope()).as(role).isEqualTo(OperatorScope.all());
            }
        }
    }

    @Test
    void an_actor_without_a_portal_role_sees_no_operator() {
        var scope = Actor.SYSTEM.scope();
        assertThat(scope.permits((short) 1)).isFalse();
        assertThat(scope.operatorIdOrNull()).isNotNull();
        var roleless = new Actor("someone", "Someone", Set.of("UNKNOWN_ROLE"), Optional.empty());
        assertThat(roleless.scope().permits((short) 1)).isFalse();
    }
}
