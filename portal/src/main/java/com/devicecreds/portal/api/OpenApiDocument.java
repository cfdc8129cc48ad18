package com.devicecreds.portal.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3 document of the REST API, served at {@value ApiSecurityConfiguration#OPENAPI_PATH}
 * and checked in as docs/openapi.json (a test keeps the two equal). The server is relative, so the
 * document is the same whatever address the portal runs at.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDocument {

    static final String BEARER = "bearer";

    @Bean
    OpenAPI credentialsPortalApi() {
        return new OpenAPI()
                .info(new Info().title("Credentials Portal API").version("v1")
                        .description("""
                                Machine access to the credentials portal: pools, alerts, usage, device events and \
                                lineage, missing IDs, authorized list parts, rollouts and the audit export. Every \
                                call acts as one person or service account, with the same roles, operator scope \
                                and audit as the web UI. Authenticate with 'Authorization: Bearer <token>': a \
                                Keycloak access token (client credentials of a service account) or, in the \
                                embedded run, a personal API token from the user menu. Errors are RFC 9457 \
                                problem details; large lists page with an opaque cursor; each client has a rate \
                                limit (429 with Retry-After)."""))
                .addServersItem(new Server().url("/").description("This portal"))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("A Keycloak access token, or a personal API token (cpat_...) in the embedded run")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
