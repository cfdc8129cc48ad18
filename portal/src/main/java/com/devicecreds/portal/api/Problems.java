package com.devicecreds.portal.api;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** RFC 9457 problem details of the API: one place that names the problem types. */
public final class Problems {

    /** Where the problem types live; each kind is documented in docs/decisions/032-api-conventions.md. */
    public static final String TYPE_BASE = "/api/v1/problems/";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String kind, String title, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + kind));
        problem.setTitle(title);
        return problem;
    }

    public static ProblemDetail of(ApiProblemException e) {
        var problem = of(e.status(), e.kind(), e.title(), e.getMessage());
        e.properties().forEach(problem::setProperty);
        return problem;
    }

    /** The problem as a plain map, for responses written outside Spring MVC (security filters). */
    static Map<String, Object> asMap(ProblemDetail problem) {
        var map = new java.util.LinkedHashMap<String, Object>();
        map.put("type", problem.getType().toString());
        map.put("title", problem.getTitle());
        map.put("status", problem.getStatus());
        map.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            map.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            map.putAll(problem.getProperties());
        }
        return map;
    }
}
