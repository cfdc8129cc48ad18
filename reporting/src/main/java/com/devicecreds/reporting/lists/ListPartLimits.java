package com.devicecreds.reporting.lists;

/** How large a list part file may be, in bytes and in rows. */
public record ListPartLimits(long maxBytes, int maxRows) {

    /** 20 MB and a million rows: several times the largest parts operators send. */
    public static final ListPartLimits DEFAULT = new ListPartLimits(20L * 1024 * 1024, 1_000_000);
}
