package com.devicecreds.reporting.usage;

import java.util.List;

/**
 * Usage of a period from the rollups: rows per period and credential type (ordered by period, then
 * type name), outcome totals of the period and of the previous one, rejections by reason (most
 * first) and each type against the previous period. The rows are what an export writes.
 */
public record UsageReport(UsageQuery query, List<UsageRow> rows, OutcomeCounts current, OutcomeCounts previous,
        List<ReasonCount> rejections, List<TypeComparison> byType) {
}
