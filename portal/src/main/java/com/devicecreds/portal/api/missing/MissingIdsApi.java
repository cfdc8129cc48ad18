package com.devicecreds.portal.api.missing;

import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import com.devicecreds.portal.api.ApiOperators;
import com.devicecreds.portal.api.ApiProblemException;
import com.devicecreds.portal.api.ApiTypes;
import com.devicecreds.portal.api.Cursor;
import com.devicecreds.portal.api.Page;
import com.devicecreds.reporting.export.ExportFormat;
import com.devicecreds.reporting.export.ExportProgress;
import com.devicecreds.reporting.missing.MissingId;
import com.devicecreds.reporting.missing.MissingIdQuery;
import com.devicecreds.reporting.missing.MissingIdService;
import com.devicecreds.reporting.missing.MissingIdStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * MissingDeviceId device IDs with the same lifecycle as the UI: new, sent (an export carried them to the
 * operator) and resolved (a later list part listed them). Exporting marks the operator's open IDs as
 * sent, exactly as the UI's export does, and is audited by the service.
 */
@RestController
@Tag(name = "MissingDeviceId IDs", description = "Device IDs that asked but were not on the authorized list")
class MissingIdsApi {

    static final int MAX_LIMIT = 200;
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final MissingIdService missing;
    private final ApiOperators operators;
    private final ApiTypes types;

    MissingIdsApi(MissingIdService missing, ApiOperators operators, ApiTypes types) {
        this.missing = missing;
        this.operators = operators;
        this.types = types;
    }

    @GetMapping("/api/v1/missing-ids")
    @Operation(summary = "MissingDeviceId IDs, most recently seen first, a page at a time")
    Page<MissingDeviceId> list(@Parameter(description = "an operator's code") @RequestParam Optional<String> operator,
            @Parameter(description = "a credential type's code") @RequestParam Optional<String> type,
            @Parameter(description = "new, sent or resolved") @RequestParam Optional<String> status,
            @RequestParam Optional<String> cursor, @RequestParam(defaultValue = "100") int limit) {
        var query = new MissingIdQuery(operator.map(operators::visible), type.map(types::idOf), status.map(MissingIdsApi::status));
        int size = Cursor.limit(limit, MAX_LIMIT);
        String key = "missing-ids|" + operator.orElse("") + "|" + type.orElse("") + "|" + status.orElse("");
        long position = Cursor.decode(cursor, key);
        return Page.of(missing.page(query, (int) position, size + 1), size, key, position, MissingDeviceId::of);
    }

    @PostMapping(value = "/api/v1/operators/{operator}/missing-ids/exports", produces = XLSX)
    @Operation(summary = "Export the operator's open missing IDs and mark them as sent",
            description = "The same spreadsheet as the UI's export; the header X-Export-Rows tells how many rows it "
                    + "carries. Operator staff (own operator), PKI operations and administrators.",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = XLSX)))
    void export(@PathVariable String operator,
            @Parameter(description = "a credential type's code; all types without it") @RequestParam Optional<String> type,
            HttpServletResponse response) throws IOException {
        var ref = operators.visible(operator);
        var typeId = type.map(types::idOf);
        var sheet = new java.io.ByteArrayOutputStream();
        var export = missing.exportForOperator(ref, typeId, ExportFormat.XLSX, sheet, ExportProgress.NONE);
        response.setContentType(XLSX);
        response.setHeader("Content-Disposition", "attachment; filename=\"missing-ids-" + ref.code() + ".xlsx\"");
        response.setHeader("X-Export-Rows", Long.toString(export.rows()));
        sheet.writeTo(response.getOutputStream());
    }

    private static MissingIdStatus status(String status) {
        try {
            return MissingIdStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.badRequest("bad-parameter", "status must be new, sent or resolved, not '" + status + "'.");
        }
    }

    /** One missing ID; sentInExport and resolvedByPart are null until it is sent or resolved. */
    record MissingDeviceId(String operator, String credentialType, String deviceId, String status, Instant firstSeen,
            Instant lastSeen, long attempts, String model, String lastReason, Integer sentInExport, Integer resolvedByPart) {
        static MissingDeviceId of(MissingId m) {
            return new MissingDeviceId(m.operatorCode(), m.credentialType(), m.deviceId(), m.status().name().toLowerCase(Locale.ROOT),
                    m.firstSeen(), m.lastSeen(), m.attempts(), m.model().orElse(null), m.lastReason(),
                    m.sentInExport().isPresent() ? m.sentInExport().getAsInt() : null,
                    m.resolvedByPart().isPresent() ? m.resolvedByPart().getAsInt() : null);
        }
    }
}
