package com.devicecreds.reporting.lists;

/** A row of a list part that is no device ID of the type's kind: its line (or sheet row) number, value and why. */
public record RowProblem(int line, String value, String problem) {
}
