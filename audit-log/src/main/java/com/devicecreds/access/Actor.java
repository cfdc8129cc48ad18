package com.devicecreds.access;

import java.util.Optional;
import java.util.Set;

/**
 * Who is acting: a signed-in user, or the system itself (scheduled jobs, the simulator).
 *
 * @param username    stable login name (the audit trail's actor)
 * @param displayName name shown in the UI
 * @param roles       role names from {@link Roles}
 * @param operator    the operator an operator staff member is bound to
 */
public record Actor(String username, String displayName, Set<String> roles, Optional<OperatorRef> operator) {

    public static final Actor SYSTEM = new Actor("system", "System", Set.of(), Optional.empty());

    public Actor {
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /**
     * Operator staff see their operator only; the other portal roles see all operators. An actor
     * with no portal role (an unauthenticated caller, {@link #SYSTEM}) sees nothing: the scope fails
     * closed, so a service that forgot its access rule still returns no operator's rows. Jobs that
     * work across operators pass {@link OperatorScope#all()} explicitly to internal APIs.
     */
    public OperatorScope scope() {
        if (hasRole(Roles.OPERATOR_STAFF)) {
            return operator.map(OperatorScope::only)
                    .orElseThrow(() -> new IllegalStateException("Operator staff " + username + " has no operator"));
        }
        return roles.stream().anyMatch(Roles.all()::contains) ? OperatorScope.all() : OperatorScope.none();
    }
}
