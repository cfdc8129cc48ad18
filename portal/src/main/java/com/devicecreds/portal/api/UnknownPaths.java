package com.devicecreds.portal.api;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Any other path under /api: a problem, never the UI's error page. Every specific mapping wins over this one. */
@RestController
@Hidden
class UnknownPaths {

    @RequestMapping("/api/**")
    void unknown() {
        throw new ApiProblemException(org.springframework.http.HttpStatus.NOT_FOUND, "not-found", "Not found",
                "No such resource or method in this API; see /api/v1/openapi.json.");
    }
}
