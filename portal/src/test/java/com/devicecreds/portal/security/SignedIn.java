package com.devicecreds.portal.security;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.devicecreds.access.PortalPrincipal;
import com.devicecreds.access.Roles;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Runs test code as a signed-in portal user. {@code @WithMockUser} is not enough: CurrentActor reads
 * the display name and operator from a {@link PortalPrincipal}, which a mock user is not.
 *
 * <pre>{@code try (var signedIn = SignedIn.as(SignedIn.operatorStaff("tenant-a"))) { ... } }</pre>
 */
public final class SignedIn implements AutoCloseable {

    private final SecurityContext previous;

    private SignedIn(Authentication authentication) {
        previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
    }

    /** Puts the authentication into the security context until {@link #close()}. */
    public static SignedIn as(Authentication authentication) {
        return new SignedIn(authentication);
    }

    /** An authenticated portal user with the given roles (names from {@link Roles}, without prefix). */
    public static Authentication user(String username, Optional<String> operatorCode, String... roles) {
        var principal = new TestPrincipal(username, "Test " + username, operatorCode);
        List<SimpleGrantedAuthority> authorities = Arrays.stream(roles)
                .map(role -> new SimpleGrantedAuthority(Roles.ROLE_PREFIX + role))
                .toList();
        return UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
    }

    /** Staff of one operator, bound to its code. */
    public static Authentication operatorStaff(String operatorCode) {
        return user("op." + operatorCode, Optional.of(operatorCode), Roles.OPERATOR_STAFF);
    }

    /** A user holding one role and no operator. */
    public static Authentication withRole(String role) {
        return user(role.toLowerCase() + ".tester", Optional.empty(), role);
    }

    @Override
    public void close() {
        if (previous.getAuthentication() == null) {
            SecurityContextHolder.clearContext();
        } else {
            SecurityContextHolder.setContext(previous);
        }
    }

    /** The principal every real login (dev accounts, OIDC) provides, without a password. */
    public record TestPrincipal(String username, String displayName, Optional<String> operatorCode)
            implements PortalPrincipal {
    }
}
