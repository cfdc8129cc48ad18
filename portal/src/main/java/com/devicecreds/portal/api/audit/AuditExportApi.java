package com.devicecreds.portal.api.audit;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.trail.AuditQuery;
import com.devicecreds.audit.trail.AuditTrail;
import com.devicecreds.portal.api.ApiProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail as signed JSON lines (docs/audit-export-format.md), for auditors' SIEMs. It pages
 * by time: each call exports the half-open window [from, to) of at most {@link #MAX_WINDOW}, as a
 * complete export with its own signed trailer that the offline verifier checks; the next page starts
 * at this one's {@code to} (header {@code X-Next-From}). Recorded as an audit export by the trail.
 */
@RestController
@Tag(name = "Audit", description = "The audit trail for auditors and administrators")
class AuditExportApi {

    static final Duration MAX_WINDOW = Duration.ofDays(31);
    static final String JSON_LINES = "application/jsonl";

    private final AuditTrail trail;

    AuditExportApi(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping(value = "/api/v1/audit/export", produces = JSON_LINES)
    @Operation(summary = "Export one time window of the audit trail as signed JSON lines",
            description = "from and to are ISO 8601 instants, at most 31 days apart; rows oldest first, then the "
                    + "signed trailer. Page through time with X-Next-From.",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = JSON_LINES)))
    void export(@Parameter(description = "start, inclusive") @RequestParam Instant from,
            @Parameter(description = "end, exclusive") @RequestParam Instant to,
            @Parameter(description = "an action of the audit catalogue") @RequestParam Optional<String> action,
            @Parameter(description = "success, denied or failed") @RequestParam Optional<String> outcome,
            @Parameter(description = "the actor's user name, from its start") @RequestParam Optional<String> actor,
            HttpServletResponse response) throws IOException {
        if (!from.isBefore(to) || Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw ApiProblemException.badRequest("bad-period", "from must be before to, and at most "
                    + MAX_WINDOW.toDays() + " days before it.");
        }
        var query = new AuditQuery(actor, action.map(AuditExportApi::action), Optional.empty(), Optional.empty(),
                outcome.map(AuditExportApi::outcome), Optional.of(from), Optional.of(to));
        response.setContentType(JSON_LINES + ";charset=UTF-8");
        response.setHeader("X-Next-From", to.toString());
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-" + from + ".jsonl\"");
        trail.exportSignedJsonLines(query, response.getOutputStream());
    }

    private static AuditAction action(String name) {
        try {
            return AuditAction.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.badRequest("bad-parameter", "'" + name + "' is no action of the audit catalogue.");
        }
    }

    private static AuditOutcome outcome(String code) {
        for (var outcome : AuditOutcome.values()) {
            if (outcome.code().equalsIgnoreCase(code.strip())) {
                return outcome;
            }
        }
        throw ApiProblemException.badRequest("bad-parameter", "outcome must be success, denied or failed, not '" + code + "'.");
    }
}
