package com.devicecreds.portal.security.keycloak;

import java.util.Optional;

import com.devicecreds.access.OperatorDirectory;
import com.devicecreds.access.Roles;
import com.devicecreds.portal.api.ApiAuthentication;
import com.devicecreds.portal.api.ApiAuthenticator;
import com.devicecreds.portal.api.ApiPrincipal;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The REST API as an OAuth 2.0 resource server of the same Keycloak realm as the sign-in: a bearer
 * access token signed by the realm (issuer checked, keys from its JWKS, expiry), with the same
 * {@code roles} and {@code operator} claims the UI reads (decision 031). Service accounts of the
 * client-credentials grant are bound to one operator (OPERATOR_STAFF and the operator attribute of
 * their service-account user) or act for PKI operations; a token that would leave the access
 * undefined is refused, never widened.
 */
@Component
@Profile(KeycloakSecurityConfiguration.PROFILE)
class KeycloakApiAuthenticator implements ApiAuthenticator {

    private final JwtDecoder decoder;
    private final OperatorDirectory operators;

    @Autowired
    KeycloakApiAuthenticator(@Value("${spring.security.oauth2.client.provider.keycloak.issuer-uri}") String issuer,
            OperatorDirectory operators) {
        // Keycloak is asked for its keys at the first API call, not at start-up.
        this(new SupplierJwtDecoder(() -> JwtDecoders.fromIssuerLocation(issuer)), operators);
    }

    KeycloakApiAuthenticator(JwtDecoder decoder, OperatorDirectory operators) {
        this.decoder = decoder;
        this.operators = operators;
    }

    @Override
    public ApiAuthentication authenticate(String bearerToken) {
        Jwt jwt;
        try {
            jwt = decoder.decode(bearerToken);
        } catch (JwtException e) {
            throw new BadCredentialsException("Not a valid access token of the realm: " + e.getMessage(), e);
        }
        var roles = KeycloakUserService.portalRoles(jwt.getClaims().get(KeycloakUserService.ROLES_CLAIM));
        if (roles.isEmpty()) {
            throw new BadCredentialsException("The access token carries no portal role");
        }
        Optional<String> operator = Optional.empty();
        if (roles.contains(Roles.OPERATOR_STAFF)) {
            operator = Optional.ofNullable(jwt.getClaimAsString(KeycloakUserService.OPERATOR_CLAIM)).map(String::strip)
                    .filter(code -> !code.isEmpty() && operators.byCode(code).isPresent());
            if (operator.isEmpty()) {
                throw new BadCredentialsException("Operator staff token without a known operator");
            }
        }
        String client = firstText(jwt.getClaimAsString("azp"), jwt.getSubject(), "unknown");
        String username = firstText(jwt.getClaimAsString("preferred_username"), client, client);
        var authorities = roles.stream().map(role -> new SimpleGrantedAuthority(Roles.ROLE_PREFIX + role)).toList();
        return new ApiAuthentication(new ApiPrincipal(username, username, operator, client + ":" + username), authorities);
    }

    private static String firstText(String first, String second, String otherwise) {
        return StringUtils.hasText(first) ? first : StringUtils.hasText(second) ? second : otherwise;
    }
}
