package com.devicecreds.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OperatorScopeTest {

    private static final OperatorRef NORDKABEL = new OperatorRef((short) 1, "nordkabel");
    private static final OperatorRef SUNWAVE = new OperatorRef((short) 2, "sunwave");

    @Test
    void an_operator_scope_permits_its_own_operator_only() {
        var scope = OperatorScope.only(NORDKABEL);

        assertThat(scope.permits(NORDKABEL.id())).isTrue();
        assertThat(scope.permits(SUNWAVE.id())).isFalse();
        assertThat(scope.operator()).contains(NORDKABEL);
        assertThat(scope.operatorIdOrNull()).isEqualTo(NORDKABEL.id());
    }

    @Test
    void narrowing_an_operator_scope_to_another_operator_permits_nothing() {
        var narrowed = OperatorScope.only(NORDKABEL).narrowTo(SUNWAVE);

        assertThat(narrowed.permits(SUNWAVE.id())).isFalse();
        assertThat(narrowed.permits(NORDKABEL.id())).isFalse();
        assertThat(narrowed.operatorIdOrNull()).isNotNull().isNotIn(NORDKABEL.id(), SUNWAVE.id());
    }

    @Test
    void narrowing_an_operator_scope_to_its_own_operator_keeps_it() {
        var scope = OperatorScope.only(NORDKABEL);

        assertThat(scope.narrowTo(NORDKABEL)).isEqualTo(scope);
    }

    @Test
    void the_all_scope_permits_every_operator_and_filters_nothing() {
        var all = OperatorScope.all();

        assertThat(all.permits(NORDKABEL.id())).isTrue();
        assertThat(all.permits(SUNWAVE.id())).isTrue();
        assertThat(all.operator()).isEmpty();
        assertThat(all.operatorIdOrNull()).isNull();
    }

    @Test
    void the_all_scope_narrows_to_exactly_one_operator() {
        var narrowed = OperatorScope.all().narrowTo(SUNWAVE);

        assertThat(narrowed.permits(SUNWAVE.id())).isTrue();
        assertThat(narrowed.permits(NORDKABEL.id())).isFalse();
        assertThat(narrowed.operator()).contains(SUNWAVE);
    }

    @Test
    void a_narrowed_scope_cannot_be_widened_again() {
        var narrowed = OperatorScope.all().narrowTo(SUNWAVE).narrowTo(NORDKABEL);

        assertThat(narrowed.permits(NORDKABEL.id())).isFalse();
        assertThat(narrowed.permits(SUNWAVE.id())).isFalse();
    }
}
