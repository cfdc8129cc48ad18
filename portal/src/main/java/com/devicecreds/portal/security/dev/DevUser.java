package com.devicecreds.portal.security.dev;

import java.util.Collection;
import java.util.Optional;

import com.devicecreds.access.PortalPrincipal;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** A signed-in demo account. */
class DevUser extends User implements PortalPrincipal {

    private final String displayName;
    private final String operatorCode;

    DevUser(String username, String password, String displayName, Optional<String> operatorCode,
            Collection<? extends GrantedAuthority> authorities) {
        super(username, password, authorities);
        this.displayName = displayName;
        this.operatorCode = operatorCode.orElse(null);
    }

    @Override
    public String username() {
        return getUsername();
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public Optional<String> operatorCode() {
        return Optional.ofNullable(operatorCode);
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }

    /** Demo accounts have addresses of the reserved .invalid domain, which no mail ever reaches outside a test. */
    @Override
    public Optional<String> email() {
        return Optional.of(getUsername() + "@demo.invalid");
    }
}
