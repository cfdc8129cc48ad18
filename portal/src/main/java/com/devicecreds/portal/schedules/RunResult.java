package com.devicecreds.portal.schedules;

import com.devicecreds.reporting.schedules.ReportPeriod;

/** How one run of a scheduled report ended. */
public sealed interface RunResult {

    /** Queued in the outbox for the recipients, with the spreadsheet attached. */
    record Sent(ReportPeriod period, long rows, int recipients) implements RunResult {
    }

    /** Nothing to do: the period was delivered already (by this node or another), or the schedule changed meanwhile. */
    record Skipped() implements RunResult {
    }

    /** Not run: no such schedule the user may run. */
    record Refused(String message) implements RunResult {
    }

    /** The run failed; recorded in the delivery history. */
    record Failed(String message) implements RunResult {
    }
}
