package com.devicecreds.reporting.lists;

import java.util.List;

/**
 * The device IDs of a list part file, normalized and deduplicated in file order.
 *
 * @param rows          data rows read (header and blank rows not counted)
 * @param duplicates    rows repeating an ID already in the file (not an error)
 * @param problems      the first {@value ListPartParser#PROBLEMS_SHOWN} rows that are no device ID
 * @param problemCount  all such rows
 */
public record ParsedPart(List<String> deviceIds, int rows, int duplicates, List<RowProblem> problems, int problemCount) {
}
