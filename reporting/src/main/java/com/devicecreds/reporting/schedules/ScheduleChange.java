package com.devicecreds.reporting.schedules;

/** What saving a schedule did: saved, or refused with a message that says what to change. */
public sealed interface ScheduleChange {

    record Saved(ReportSchedule schedule) implements ScheduleChange {
    }

    record Refused(String message) implements ScheduleChange {
    }
}
