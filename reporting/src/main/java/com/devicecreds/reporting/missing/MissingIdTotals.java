package com.devicecreds.reporting.missing;

/** How many missing IDs a list query matches, and how many of those, whatever its status filter, are not yet sent. */
public record MissingIdTotals(long listed, long notYetSent) {
}
