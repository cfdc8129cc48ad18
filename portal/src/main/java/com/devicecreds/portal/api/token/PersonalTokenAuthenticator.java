package com.devicecreds.portal.api.token;

import com.devicecreds.access.PortalPrincipal;
import com.devicecreds.access.Roles;
import com.devicecreds.portal.api.ApiAuthentication;
import com.devicecreds.portal.api.ApiAuthenticator;
import com.devicecreds.portal.api.ApiPrincipal;
import org.springframework.context.annotation.Profile;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * The embedded run's API authentication: a personal API token acts as its owner, with the roles and
 * operator the owner's account has now, so a changed or removed account changes its tokens too.
 */
@Component
@Profile("dev")
class PersonalTokenAuthenticator implements ApiAuthenticator {

    private final ApiTokenService tokens;
    private final UserDetailsService users;

    PersonalTokenAuthenticator(ApiTokenService tokens, UserDetailsService users) {
        this.tokens = tokens;
        this.users = users;
    }

    @Override
    public ApiAuthentication authenticate(String bearerToken) {
        var owner = tokens.use(bearerToken).orElseThrow(() -> new BadCredentialsException("Unknown, expired or revoked API token"));
        try {
            var user = users.loadUserByUsername(owner.owner());
            var roles = user.getAuthorities().stream()
                    .filter(a -> a.getAuthority() != null && a.getAuthority().startsWith(Roles.ROLE_PREFIX)).toList();
            if (!(user instanceof PortalPrincipal account) || roles.isEmpty() || !user.isEnabled()) {
                throw new BadCredentialsException("The token's owner has no role in the portal");
            }
            return new ApiAuthentication(new ApiPrincipal(account.username(), account.displayName(),
                    account.operatorCode(), "api-token:" + owner.id()), roles);
        } catch (UsernameNotFoundException e) {
            throw new BadCredentialsException("The token's owner no longer exists");
        }
    }
}
