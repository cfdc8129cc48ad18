package com.devicecreds.portal.security.keycloak;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import com.devicecreds.access.Roles;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.util.StringUtils;

/**
 * Turns the Keycloak user (ID token and user info, loaded by Spring's {@link OidcUserService}) into
 * a {@link PortalOidcUser}. The realm's mappers put the realm roles into the claim {@code roles} and
 * the user attribute {@code operator} into the claim {@code operator} (docs/keycloak/README.md).
 *
 * <p>Only the portal's own roles become authorities ({@code ROLE_<role>}); Keycloak's built-in
 * roles and scopes give nothing. The operator binds operator staff, the only role whose data is
 * scoped, and must name an operator of the portal; for other roles an operator claim is ignored.
 * A sign-in that would leave the access undefined is refused with a {@link LoginRefusedException}
 * rather than widened (and rather than failing later, on every request).
 */
final class KeycloakUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

    static final String ROLES_CLAIM = "roles";
    static final String OPERATOR_CLAIM = "operator";

    private final OAuth2UserService<OidcUserRequest, OidcUser> keycloak = new OidcUserService();
    private final Predicate<String> knownOperator;

    /** @param knownOperator whether an operator code names an operator of the portal's database */
    KeycloakUserService(Predicate<String> knownOperator) {
        this.knownOperator = knownOperator;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        return toPortalUser(keycloak.loadUser(request), knownOperator);
    }

    static PortalOidcUser toPortalUser(OidcUser user, Predicate<String> knownOperator) {
        String username = user.getPreferredUsername();
        if (!StringUtils.hasText(username)) {
            throw new LoginRefusedException(LoginRefusedException.NO_USERNAME, null,
                    "Keycloak did not tell the portal your user name (claim preferred_username).");
        }
        Set<String> roles = portalRoles(user.getClaims().get(ROLES_CLAIM));
        if (roles.isEmpty()) {
            throw new LoginRefusedException(LoginRefusedException.NO_PORTAL_ROLE, username,
                    "Your account " + username + " has no role in the Credentials Portal.");
        }
        Optional<String> operator = Optional.empty();
        if (roles.contains(Roles.OPERATOR_STAFF)) {
            operator = Optional.ofNullable(user.getClaimAsString(OPERATOR_CLAIM)).map(String::strip)
                    .filter(code -> !code.isEmpty());
            if (operator.isEmpty()) {
                throw new LoginRefusedException(LoginRefusedException.NO_OPERATOR, username,
                        "Your account " + username + " is operator staff but is bound to no operator.");
            }
            if (!knownOperator.test(operator.get())) {
                throw new LoginRefusedException(LoginRefusedException.UNKNOWN_OPERATOR, username, "Your account "
                        + username + " is bound to the operator '" + operator.get() + "', which the portal does not know.");
            }
        }
        String displayName = StringUtils.hasText(user.getFullName()) ? user.getFullName() : username;
        var authorities = roles.stream().map(role -> new SimpleGrantedAuthority(Roles.ROLE_PREFIX + role)).toList();
        return new PortalOidcUser(authorities, user.getIdToken(), user.getUserInfo(), displayName, operator);
    }

    /** The portal roles among the claim's values, in the order {@link Roles#all()} lists them. */
    static Set<String> portalRoles(Object claim) {
        Collection<?> values = switch (claim) {
            case Collection<?> list -> list;
            case String single -> List.of(single);
            case null, default -> List.of();
        };
        var roles = new LinkedHashSet<String>();
        Roles.all().stream().filter(values::contains).forEach(roles::add);
        return roles;
    }
}
