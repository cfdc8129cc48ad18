package com.devicecreds.testsupport;

import java.util.Arrays;
import java.util.Optional;

import com.devicecreds.access.PortalPrincipal;
import com.devicecreds.access.Roles;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** A signed-in portal user in the security context until closed, for the module tests of every feature module. */
public final class SignedIn implements AutoCloseable {

    private SignedIn() {
    }

    public static SignedIn as(String username, Optional<String> operatorCode, String... roles) {
        var principal = new Principal(username, operatorCode);
        var authorities = Arrays.stream(roles).map(r -> new SimpleGrantedAuthority(Roles.ROLE_PREFIX + r)).toList();
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities));
        return new SignedIn();
    }

    public static SignedIn pkiOps() {
        return as("pki.anna", Optional.empty(), Roles.PKI_OPS);
    }

    public static SignedIn auditor() {
        return as("audit.dora", Optional.empty(), Roles.AUDITOR);
    }

    public static SignedIn admin() {
        return as("admin.erik", Optional.empty(), Roles.ADMIN);
    }

    public static SignedIn operatorStaff(String operatorCode) {
        return as("op." + operatorCode, Optional.of(operatorCode), Roles.OPERATOR_STAFF);
    }

    @Override
    public void close() {
        SecurityContextHolder.clearContext();
    }

    record Principal(String username, Optional<String> operatorCode) implements PortalPrincipal {
        @Override
        public String displayName() {
            return username;
        }
    }
}
