package com.devicecreds.portal.api.usage;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import com.devicecreds.access.CurrentActor;
import com.devicecreds.audit.AuditAction;
import com.devicecreds.audit.AuditLog;
import com.devicecreds.audit.AuditOutcome;
import com.devicecreds.audit.AuditRecord;
import com.devicecreds.portal.api.ApiOperators;
import com.devicecreds.portal.api.ApiProblemException;
import com.devicecreds.reporting.usage.Granularity;
import com.devicecreds.reporting.usage.OutcomeCounts;
import com.devicecreds.reporting.usage.UsageQuery;
import com.devicecreds.reporting.usage.UsageReport;
import com.devicecreds.reporting.usage.UsageRow;
import com.devicecreds.reporting.usage.UsageService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Provisioning usage from the daily rollups, as the usage report shows it: JSON to read, CSV to
 * export (audited as a report export, like the spreadsheet). A period is at most
 * {@value UsageQuery#MAX_DAYS} days, so a report is bounded and not paged.
 */
@RestController
@RequestMapping("/api/v1/usage")
@Tag(name = "Usage", description = "Provisioning requests per period, credential type and outcome")
class UsageApi {

    static final String CSV = "text/csv";

    private final UsageService usage;
    private final ApiOperators operators;
    private final CurrentActor currentActor;
    private final AuditLog auditLog;

    UsageApi(UsageService usage, ApiOperators operators, CurrentActor currentActor, AuditLog auditLog) {
        this.usage = usage;
        this.operators = operators;
        this.currentActor = currentActor;
        this.auditLog = auditLog;
    }

    @GetMapping
    @Operation(summary = "Usage of a period", description = "UTC days from and to inclusive; granularity day, week "
            + "(ISO weeks) or month; optionally one operator (operator staff: only their own).")
    Usage usage(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @Parameter(description = "day, week or month") @RequestParam(defaultValue = "day") String granularity,
            @Parameter(description = "an operator's code") @RequestParam Optional<String> operator) {
        var report = usage.usage(query(from, to, granularity, operator));
        return new Usage(from, to, report.query().granularity().name().toLowerCase(Locale.ROOT),
                report.rows().stream().map(UsageLine::of).toList(), UsageTotals.of(report.current()), UsageTotals.of(report.previous()));
    }

    @GetMapping(value = "/csv", produces = CSV)
    @Operation(summary = "Usage of a period as CSV (audited export)", responses = @ApiResponse(responseCode = "200",
            content = @Content(mediaType = CSV)))
    void csv(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @Parameter(description = "day, week or month") @RequestParam(defaultValue = "day") String granularity,
            @Parameter(description = "an operator's code") @RequestParam Optional<String> operator,
            HttpServletResponse response) throws IOException {
        var query = query(from, to, granularity, operator);
        UsageReport report = usage.usage(query);
        response.setContentType(CSV + ";charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"usage-" + from + "-" + to + ".csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        out.write("period_start,credential_type,delivered,redelivered,rejected,total\r\n");
        for (UsageRow row : report.rows()) {
            out.write(row.period() + "," + csvText(row.credentialType()) + "," + row.delivered() + ","
                    + row.redelivered() + "," + row.rejected() + "," + row.total() + "\r\n");
        }
        out.flush();
        auditLog.record(AuditRecord.of(currentActor.actor(), AuditAction.REPORT_EXPORTED, AuditOutcome.SUCCESS,
                        "usage/" + operator.orElse("all"))
                .withDetail("report", "usage").withDetail("format", "csv").withDetail("channel", "api")
                .withDetail("from", from.toString()).withDetail("to", to.toString()).withDetail("rows", report.rows().size()));
    }

    private UsageQuery query(LocalDate from, LocalDate to, String granularity, Optional<String> operator) {
        Granularity unit;
        try {
            unit = Granularity.valueOf(granularity.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.badRequest("bad-parameter", "granularity must be day, week or month, not '" + granularity + "'.");
        }
        return new UsageQuery(operator.map(operators::visible), from, to, unit);
    }

    /** A CSV field: quoted when it holds a separator, a quote or a line break; a leading formula character is defused. */
    static String csvText(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return v.matches(".*[\",\r\n].*") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    record Usage(LocalDate from, LocalDate to, String granularity, List<UsageLine> rows, UsageTotals totals, UsageTotals previousPeriod) {
    }

    /** Requests of one credential type in the period starting on {@code period}. */
    record UsageLine(LocalDate period, String credentialType, long delivered, long redelivered, long rejected, long total) {
        static UsageLine of(UsageRow r) {
            return new UsageLine(r.period(), r.credentialType(), r.delivered(), r.redelivered(), r.rejected(), r.total());
        }
    }

    record UsageTotals(long delivered, long redelivered, long rejected, long total) {
        static UsageTotals of(OutcomeCounts c) {
            return new UsageTotals(c.delivered(), c.redelivered(), c.rejected(), c.total());
        }
    }
}
