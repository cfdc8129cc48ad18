package com.devicecreds.portal.api;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Credential types named by their code in API paths and parameters. Whether the caller may use the
 * type for an operator is the services' rule; this only turns a code into the type's id.
 */
@Component
public class ApiTypes {

    private final JdbcClient jdbc;

    ApiTypes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public int idOf(String typeCode) {
        return jdbc.sql("select id from credential_type where code = ?").param(typeCode).query(Integer.class).optional()
                .orElseThrow(() -> ApiProblemException.notFound("The credential type '" + typeCode + "'"));
    }
}
