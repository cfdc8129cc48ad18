package com.devicecreds.portal.api;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import com.devicecreds.reporting.devices.DeviceIdNotation.InvalidDeviceIdException;
import com.devicecreds.reporting.usage.UsageQuery.InvalidUsageQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of an API call as an RFC 9457 problem ({@code application/problem+json}): the caller's
 * mistakes with a detail that says what to change, refusals without saying more than the UI would,
 * and unexpected failures with an incident number that is in the log, never a stack trace.
 */
@RestControllerAdvice(basePackageClasses = ApiProblems.class)
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    @ExceptionHandler(ApiProblemException.class)
    ProblemDetail apiProblem(ApiProblemException e) {
        return Problems.of(e);
    }

    @ExceptionHandler(InvalidDeviceIdException.class)
    ProblemDetail badDeviceId(InvalidDeviceIdException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "bad-device-id", "Not a device ID", e.getMessage());
    }

    @ExceptionHandler(InvalidUsageQueryException.class)
    ProblemDetail badPeriod(InvalidUsageQueryException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "bad-period", "The period is not valid", e.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail denied(AccessDeniedException e) {
        return Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Your roles do not allow this operation.");
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badArgument(IllegalArgumentException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "bad-request", "The request is not valid", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e, HttpServletRequest request) {
        String incident = UUID.randomUUID().toString().substring(0, 8);
        log.error("Incident {}: {} {} failed", incident, request.getMethod(), request.getRequestURI(), e);
        var problem = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "The request failed on the server; the operators can find incident " + incident + " in the log.");
        problem.setProperty("incident", incident);
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = e.getPropertyName() == null ? "a parameter" : "'" + e.getPropertyName() + "'";
        String expected = e.getRequiredType() == null ? "another form" : switch (e.getRequiredType().getSimpleName()) {
            case "LocalDate" -> "a date as yyyy-mm-dd";
            case "Instant" -> "a time as an ISO 8601 instant (2026-01-31T12:00:00Z)";
            case "int", "Integer", "long", "Long" -> "a whole number";
            default -> "one of the documented values";
        };
        var problem = Problems.of(HttpStatus.BAD_REQUEST, "bad-parameter", "A parameter is not valid",
                name + " must be " + expected + ", not '" + e.getValue() + "'.");
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var problem = Problems.of(HttpStatus.CONTENT_TOO_LARGE, "too-large", "The upload is too large",
                "The file is larger than the server accepts; nothing was imported.");
        return handleExceptionInternal(e, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
    }

    /** Spring's own refusals (missing parameter, wrong method, unreadable body) keep their detail, under our type names. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail problem && (problem.getType() == null
                || !problem.getType().toString().startsWith(Problems.TYPE_BASE))) {
            problem.setType(java.net.URI.create(Problems.TYPE_BASE + (status.is4xxClientError() ? "bad-request" : "internal")));
        }
        return super.createResponseEntity(body, headers, status, request);
    }
}
