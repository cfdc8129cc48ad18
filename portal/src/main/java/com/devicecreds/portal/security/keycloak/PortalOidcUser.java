package com.devicecreds.portal.security.keycloak;

import java.util.Collection;
import java.util.Optional;

import com.devicecreds.access.PortalPrincipal;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/**
 * A user signed in through Keycloak: the OIDC user Spring Security keeps in the session, and the
 * {@link PortalPrincipal} the rest of the portal reads. Display name and operator are derived from
 * the claims, so the inherited equality (name, authorities, claims) covers them.
 */
final class PortalOidcUser extends DefaultOidcUser implements PortalPrincipal {

    private final String displayName;
    private final String operatorCode;

    PortalOidcUser(Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken, OidcUserInfo userInfo,
            String displayName, Optional<String> operatorCode) {
        super(authorities, idToken, userInfo, StandardClaimNames.PREFERRED_USERNAME);
        this.displayName = displayName;
        this.operatorCode = operatorCode.orElse(null);
    }

    @Override
    public String username() {
        return getName();
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
    public Optional<String> email() {
        return Optional.ofNullable(getEmail()).filter(e -> !e.isBlank());
    }
}
