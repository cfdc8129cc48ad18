package com.devicecreds.portal.api;

import java.util.Collection;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/** An authenticated API call: the {@link ApiPrincipal} and its role authorities ({@code ROLE_<role>}). */
public final class ApiAuthentication extends AbstractAuthenticationToken {

    private final ApiPrincipal principal;

    public ApiAuthentication(ApiPrincipal principal, Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public ApiPrincipal getPrincipal() {
        return principal;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiAuthentication other && super.equals(other) && principal.equals(other.principal);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + principal.hashCode();
    }
}
