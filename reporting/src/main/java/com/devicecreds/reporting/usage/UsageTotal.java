package com.devicecreds.reporting.usage;

/**
 * Requests of one operator and credential type with one outcome, summed over a span of days.
 *
 * @param operatorCode the operator's code
 * @param typeCode     the credential type's code
 * @param outcome      {@code delivered}, {@code re-delivered} or {@code rejected}
 */
public record UsageTotal(String operatorCode, String typeCode, String outcome, long requests) {
}
