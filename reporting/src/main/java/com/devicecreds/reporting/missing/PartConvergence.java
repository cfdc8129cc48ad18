package com.devicecreds.reporting.missing;

/**
 * How an operator's missing IDs converged with one list part number: how many IDs the part's
 * arrival resolved, and how many seen before it were still missing afterwards.
 */
public record PartConvergence(int partNumber, long listedInPart, long resolvedByPart, long stillMissing) {
}
