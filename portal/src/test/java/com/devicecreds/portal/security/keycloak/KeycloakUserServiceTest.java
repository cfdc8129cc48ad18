package com.devicecreds.portal.security.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import com.devicecreds.access.PortalPrincipal;
import com.devicecreds.access.Roles;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** The claim mapping of {@link KeycloakUserService} on OIDC users built as Keycloak's tokens look. */
class KeycloakUserServiceTest {

    private static final Predicate<String> DEMO_OPERATORS = Set.of("nordkabel", "sunwave")::contains;

    @Test
    void only_the_portal_roles_become_authorities() {
        var user = map(keycloakUser("pki.anna", "Anna Lindqvist",
                Map.of("roles", List.of("offline_access", "uma_authorization", "default-roles-credentials-portal",
                        "pki_ops", "ROLE_ADMIN", Roles.PKI_OPS))));

        assertThat(user.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_PKI_OPS");
    }

    @Test
    void the_principal_is_named_by_preferred_username_and_shows_the_full_name() {
        PortalPrincipal user = map(keycloakUser("pki.anna", "Anna Lindqvist", Map.of("roles", List.of(Roles.PKI_OPS))));

        assertThat(user.username()).isEqualTo("pki.anna");
        assertThat(user.displayName()).isEqualTo("Anna Lindqvist");
        assertThat(user.operatorCode()).isEmpty();
        assertThat(((OidcUser) user).getName()).isEqualTo("pki.anna");
    }

    @Test
    void the_display_name_falls_back_to_the_user_name() {
        var user = map(keycloakUser("audit.dora", null, Map.of("roles", List.of(Roles.AUDITOR))));

        assertThat(user.displayName()).isEqualTo("audit.dora");
    }

    @Test
    void operator_staff_are_bound_to_the_operator_of_their_operator_claim() {
        var user = map(keycloakUser("op.nordkabel", "Nina Berg",
                Map.of("roles", List.of(Roles.OPERATOR_STAFF), "operator", "nordkabel")));

        assertThat(user.operatorCode()).contains("nordkabel");
        assertThat(user.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_OPERATOR_STAFF");
    }

    @Test
    void operator_staff_without_an_operator_claim_are_refused() {
        var user = keycloakUser("op.nobody", "No Body", Map.of("roles", List.of(Roles.OPERATOR_STAFF)));

        assertThatThrownBy(() -> map(user)).isInstanceOfSatisfying(LoginRefusedException.class, refused -> {
            assertThat(refused.getError().getErrorCode()).isEqualTo(LoginRefusedException.NO_OPERATOR);
            assertThat(refused.username()).contains("op.nobody");
            assertThat(refused.getMessage()).contains("op.nobody", "no operator");
        });
    }

    @Test
    void operator_staff_with_a_blank_operator_claim_are_refused() {
        var user = keycloakUser("op.blank", "Blank", Map.of("roles", List.of(Roles.OPERATOR_STAFF), "operator", " "));

        assertThatThrownBy(() -> map(user)).isInstanceOfSatisfying(LoginRefusedException.class,
                refused -> assertThat(refused.getError().getErrorCode()).isEqualTo(LoginRefusedException.NO_OPERATOR));
    }

    @Test
    void operator_staff_bound_to_an_operator_the_portal_does_not_know_are_refused() {
        var user = keycloakUser("op.typo", "Typo", Map.of("roles", List.of(Roles.OPERATOR_STAFF), "operator", "nordkabl"));

        assertThatThrownBy(() -> map(user)).isInstanceOfSatisfying(LoginRefusedException.class,
                refused -> assertThat(refused.getError().getErrorCode()).isEqualTo(LoginRefusedException.UNKNOWN_OPERATOR));
    }

    @Test
    void an_operator_claim_gives_other_roles_no_operator_binding() {
        var user = map(keycloakUser("pm.clara", "Clara Moreau",
                Map.of("roles", List.of(Roles.PROJECT_MANAGER), "operator", "sunwave")));

        assertThat(user.operatorCode()).isEmpty();
    }

    @Test
    void a_user_without_a_portal_role_is_refused() {
        var user = keycloakUser("guest", "Guest", Map.of("roles", List.of("offline_access")));

        assertThatThrownBy(() -> map(user)).isInstanceOfSatisfying(LoginRefusedException.class,
                refused -> assertThat(refused.getError().getErrorCode()).isEqualTo(LoginRefusedException.NO_PORTAL_ROLE));
    }

    @Test
    void a_user_without_a_roles_claim_is_refused() {
        var user = keycloakUser("guest", "Guest", Map.of());

        assertThatThrownBy(() -> map(user)).isInstanceOf(LoginRefusedException.class);
    }

    @Test
    void a_single_valued_roles_claim_counts() {
        var user = map(keycloakUser("admin.erik", "Erik Novak", Map.of("roles", Roles.ADMIN)));

        assertThat(user.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_ADMIN");
    }

    @Test
    void claims_from_the_user_info_endpoint_count_as_well() {
        var idToken = idToken(Map.of("preferred_username", "pki.ben"));
        var userInfo = new OidcUserInfo(Map.of("sub", "sub-pki.ben", "name", "Ben Okafor", "roles", List.of(Roles.PKI_OPS)));

        var user = map(new DefaultOidcUser(List.of(), idToken, userInfo));

        assertThat(user.displayName()).isEqualTo("Ben Okafor");
        assertThat(user.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_PKI_OPS");
    }

    private static PortalOidcUser map(OidcUser user) {
        return KeycloakUserService.toPortalUser(user, DEMO_OPERATORS);
    }

    /** An OIDC user as Keycloak's ID token for the portal client describes it. */
    private static OidcUser keycloakUser(String username, String name, Map<String, Object> claims) {
        var all = new java.util.HashMap<String, Object>(claims);
        all.put("preferred_username", username);
        if (name != null) {
            all.put("name", name);
        }
        return new DefaultOidcUser(List.of(), idToken(all));
    }

    private static OidcIdToken idToken(Map<String, Object> claims) {
        return OidcIdToken.withTokenValue("id-token")
                .issuer("http://localhost:8180/realms/credentials-portal")
                .subject("sub-" + claims.get("preferred_username"))
                .audience(List.of("credentials-portal"))
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(300))
                .claims(c -> c.putAll(claims))
                .build();
    }
}
