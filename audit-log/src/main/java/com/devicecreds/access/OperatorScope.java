package com.devicecreds.access;

import java.util.Optional;

/**
 * Which operators' data the caller may see. Every query that returns operator data takes one.
 * Operator staff hold {@link Only}; every other role holds {@link All}. A scope can be narrowed
 * (a PKI operator picking one operator in a report) but never widened.
 */
public sealed interface OperatorScope {

    static OperatorScope all() {
        return All.INSTANCE;
    }

    static OperatorScope only(OperatorRef operator) {
        return new Only(operator);
    }

    /** A scope that permits no operator's rows. */
    static OperatorScope none() {
        return new Only(Only.NOBODY);
    }

    /** True when rows of the given operator may be shown under this scope. */
    boolean permits(short operatorId);

    /** The single operator this scope is bound to, empty for {@link All}. */
    Optional<OperatorRef> operator();

    /**
     * Narrows this scope to one operator, as a filter chosen in the UI. Narrowing an operator-bound
     * scope to another operator yields a scope that permits nothing.
     */
    OperatorScope narrowTo(OperatorRef operator);

    /** Operator id for SQL filters: {@code (:operatorId is null or operator_id = :operatorId)}. */
    default Short operatorIdOrNull() {
        return operator().map(OperatorRef::id).orElse(null);
    }

    enum All implements OperatorScope {
        INSTANCE;

        @Override
        public boolean permits(short operatorId) {
            return true;
        }

        @Override
        public Optional<OperatorRef> operator() {
            return Optional.empty();
        }

        @Override
        public OperatorScope narrowTo(OperatorRef operator) {
            return new Only(operator);
        }
    }

    record Only(OperatorRef ref) implements OperatorScope {

        /** Id of no operator: a scope narrowed to someone else's operator matches no row. */
        private static final OperatorRef NOBODY = new OperatorRef((short) -1, "-none-");

        @Override
        public boolean permits(short operatorId) {
            return ref.id() == operatorId;
        }

        @Override
        public Optional<OperatorRef> operator() {
            return Optional.of(ref);
        }

        @Override
        public OperatorScope narrowTo(OperatorRef operator) {
            return operator.id() == ref.id() ? this : none();
        }
    }
}
