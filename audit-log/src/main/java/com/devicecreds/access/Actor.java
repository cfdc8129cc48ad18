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

    /** Operator staff see their operator only; everyone else sees all operators. */
    public OperatorScope scope() {
        if (hasRole(Roles.OPERATOR_STAFF)) {
            return operator.map(OperatorScope::only)
                    .orElseThrow(() -> new IllegalStateException("Operator staff " + username + " has no operator"));
        }
        return OperatorScope.all();
    }
}
