package com.devicecreds.access;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The actor of the current request, read from the security context. Services ask this for the
 * caller's {@link OperatorScope}; the UI never passes a scope of its own.
 */
@Component
public class CurrentActor {

    private final OperatorDirectory operators;

    CurrentActor(OperatorDirectory operators) {
        this.operators = operators;
    }

    /** The signed-in user, or {@link Actor#SYSTEM} outside a user's request. */
    public Actor actor() {
        return fromAuthentication(SecurityContextHolder.getContext().getAuthentication());
    }

    /** The signed-in user's e-mail address, when their sign-in carries one. */
    public Optional<String> email() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof PortalPrincipal principal
                ? principal.email() : Optional.empty();
    }

    /** The caller's operator scope. Fails closed: an operator user whose operator is unknown sees nothing. */
    public OperatorScope scope() {
        return actor().scope();
    }

    public Actor fromAuthentication(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()
                || !(authentication.getPrincipal() instanceof PortalPrincipal principal)) {
            return Actor.SYSTEM;
        }
        Set<String> roles = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(Roles.ROLE_PREFIX))
                .map(a -> a.substring(Roles.ROLE_PREFIX.length()))
                .filter(Roles.all()::contains)
                .collect(Collectors.toUnmodifiableSet());
        var operator = principal.operatorCode().map(code -> operators.byCode(code)
                .orElseThrow(() -> new UnknownOperatorException(code)));
        return new Actor(principal.username(), principal.displayName(), roles, operator);
    }

    /** A principal names an operator that does not exist: access is refused rather than widened. */
    public static final class UnknownOperatorException extends RuntimeException {
        UnknownOperatorException(String code) {
            super("Unknown operator '" + code + "'");
        }
    }
}
