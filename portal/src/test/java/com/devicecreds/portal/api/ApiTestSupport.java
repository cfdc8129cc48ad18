package com.devicecreds.portal.api;

import com.devicecreds.portal.PortalTest;
import com.devicecreds.portal.api.token.ApiTokenService;
import com.devicecreds.reporting.missing.MissingIds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The portal on a real port with the demo world, for the API tests: one shared context. */
@PortalTest(webEnvironment = WebEnvironment.RANDOM_PORT)
abstract class ApiTestSupport {

    @LocalServerPort
    int port;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MissingIds missingIds;

    ApiClient client() {
        return new ApiClient(port, tokens);
    }
}
