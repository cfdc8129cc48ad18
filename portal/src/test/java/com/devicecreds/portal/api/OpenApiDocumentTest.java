package com.devicecreds.portal.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document: served without a token, equal to the checked-in docs/openapi.json, and a
 * valid OpenAPI 3 document. After changing the API, regenerate the file with
 * {@code -Dopenapi.write=true} on this test, and review the diff.
 */
class OpenApiDocumentTest extends ApiTestSupport {

    static final Path CHECKED_IN = Path.of("../docs/openapi.json");


    @Test
    void the_served_document_equals_the_checked_in_one() throws IOException {
        var served = client().getWithToken(null, "/api/v1/openapi.json");
        assertThat(served.statusCode()).isEqualTo(200);
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(CHECKED_IN, ApiClient.JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(ApiClient.json(served)) + "\n");
        }
        assertThat(ApiClient.json(served)).as("docs/openapi.json is out of date: regenerate it (see the class comment)")
                .isEqualTo(ApiClient.JSON.readTree(Files.readString(CHECKED_IN)));
    }

    @Test
    void the_checked_in_document_is_valid_openapi_3() throws IOException {
        var options = new ParseOptions();
        options.setResolve(true);
        var result = new OpenAPIParser().readContents(Files.readString(CHECKED_IN), null, options);
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.");
        assertThat(result.getOpenAPI().getPaths()).containsKeys("/api/v1/pools", "/api/v1/usage",
                "/api/v1/devices/{deviceId}/events", "/api/v1/missing-ids", "/api/v1/operators/{operator}/missing-ids/exports",
                "/api/v1/operators/{operator}/types/{type}/list-parts", "/api/v1/rollouts/{id}", "/api/v1/alerts/{id}/acknowledgement",
                "/api/v1/audit/export");
        assertThat(result.getOpenAPI().getComponents().getSecuritySchemes()).containsKey("bearer");
    }
}
