package com.devicecreds.portal.api.lists;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import com.devicecreds.portal.api.ApiOperators;
import com.devicecreds.portal.api.ApiProblemException;
import com.devicecreds.portal.api.ApiProperties;
import com.devicecreds.portal.api.ApiTypes;
import com.devicecreds.reporting.lists.ListPartImport;
import com.devicecreds.reporting.lists.ListPartImportService;
import com.devicecreds.reporting.lists.RowProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * An operator's next authorized device-ID list part, uploaded as the request body (CSV or an Excel
 * workbook), with the UI's validation: all or nothing, and every refusal says which rows are wrong.
 * PKI operations and administrators; the import is audited by the service.
 */
@RestController
@Tag(name = "Authorized lists", description = "Authorized device-ID list parts of an operator")
class ListPartsApi {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final ListPartImportService imports;
    private final ApiOperators operators;
    private final ApiTypes types;
    private final ApiProperties properties;

    ListPartsApi(ListPartImportService imports, ApiOperators operators, ApiTypes types, ApiProperties properties) {
        this.imports = imports;
        this.operators = operators;
        this.types = types;
        this.properties = properties;
    }

    @PostMapping(value = "/api/v1/operators/{operator}/types/{type}/list-parts", consumes = {"text/csv", "text/plain", XLSX})
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Import the next list part (all or nothing)", description = "One device ID per row (CSV: the "
            + "first column; a header row is skipped). 422 with the rows that are no device ID, 413 over the size limit; "
            + "in both cases nothing is imported.", requestBody = @RequestBody(content = {
                    @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
                    @Content(mediaType = XLSX, schema = @Schema(type = "string", format = "binary"))}))
    ImportedListPart upload(@PathVariable String operator, @PathVariable String type,
            @Parameter(description = "the file's name, kept with the part") @RequestParam Optional<String> fileName,
            HttpServletRequest request) throws IOException {
        var ref = operators.visible(operator);
        int typeId = types.idOf(type);
        long max = properties.maxUpload().toBytes();
        if (request.getContentLengthLong() > max) {
            throw tooLarge(max);
        }
        boolean workbook = request.getContentType() != null && request.getContentType().startsWith(XLSX);
        String name = fileName.map(String::strip).filter(n -> !n.isEmpty()).orElse("api-upload")
                .replaceAll("\\.(csv|txt|xlsx)$", "") + (workbook ? ".xlsx" : ".csv");
        // A body sent without its length is counted as it is read, and refused the same way past the limit.
        try (InputStream body = new BoundedInputStream(request.getInputStream(), max, () -> tooLarge(max))) {
            return switch (imports.importPart(ref, typeId, name, body)) {
                case ListPartImport.Imported i -> new ImportedListPart(i.partNumber(), i.rows(), i.newlyListed(), i.alreadyListed(),
                        i.duplicates(), i.resolved());
                case ListPartImport.Refused r -> throw new ApiProblemException(HttpStatus.UNPROCESSABLE_CONTENT,
                        "list-part-refused", "The list part was refused; nothing was imported", r.message(),
                        Map.of("problemCount", r.problemCount(), "problems", rows(r.problems())));
            };
        }
    }

    private static ApiProblemException tooLarge(long max) {
        return new ApiProblemException(HttpStatus.CONTENT_TOO_LARGE, "too-large", "The upload is too large",
                "A list part is at most " + max / (1024 * 1024) + " MB; nothing was imported.");
    }

    private static List<Map<String, Object>> rows(List<RowProblem> problems) {
        return problems.stream().map(p -> Map.<String, Object>of("line", p.line(), "value", p.value(), "problem", p.problem()))
                .toList();
    }

    /** The part as imported: its number, rows read, IDs newly listed, already listed, duplicates, missing IDs resolved. */
    record ImportedListPart(int partNumber, int rows, int newlyListed, int alreadyListed, int duplicates, int resolved) {
    }
}
