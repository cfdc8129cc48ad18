package com.devicecreds.portal.api;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * An API call refused for a reason the caller can act on; becomes an RFC 9457 problem whose type is
 * {@code /api/v1/problems/<kind>} (docs/decisions/032-api-conventions.md).
 */
public class ApiProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String kind;
    private final String title;
    private final transient Map<String, Object> properties;

    public ApiProblemException(HttpStatus status, String kind, String title, String detail) {
        this(status, kind, title, detail, Map.of());
    }

    public ApiProblemException(HttpStatus status, String kind, String title, String detail,
            Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.kind = kind;
        this.title = title;
        this.properties = Map.copyOf(properties);
    }

    public static ApiProblemException badRequest(String kind, String detail) {
        return new ApiProblemException(HttpStatus.BAD_REQUEST, kind, "The request is not valid", detail);
    }

    public static ApiProblemException notFound(String what) {
        return new ApiProblemException(HttpStatus.NOT_FOUND, "not-found", "Not found",
                what + " does not exist or is not visible to you.");
    }

    public HttpStatus status() {
        return status;
    }

    public String kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
