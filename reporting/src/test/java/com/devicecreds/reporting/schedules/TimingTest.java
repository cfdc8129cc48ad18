package com.devicecreds.reporting.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** When schedules run and which days each run reports: week and month edges, time zones, daylight saving. */
class TimingTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId AUCKLAND = ZoneId.of("Pacific/Auckland");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static Instant at(String localDateTime, ZoneId zone) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    private static ReportPeriod period(String from, String to) {
        return new ReportPeriod(LocalDate.parse(from), LocalDate.parse(to));
    }

    @Test
    void a_weekly_run_on_monday_reports_the_week_from_the_monday_before_to_yesterday() {
        var monday = Timing.weekly(DayOfWeek.MONDAY, LocalTime.of(6, 0), BERLIN);
        // Monday 23 Nov 2026, 06:00 in Berlin (05:00 UTC)
        assertThat(monday.periodBefore(at("2026-11-23T06:00", BERLIN))).isEqualTo(period("2026-11-16", "2026-11-22"));
    }

    @Test
    void a_weekly_run_late_in_the_week_still_reports_the_last_complete_week() {
        var sunday = Timing.weekly(DayOfWeek.SUNDAY, LocalTime.of(23, 30), ZoneOffset.UTC);
        // Sunday 22 Nov is not over at 23:30: the complete week before is 9 to 15 Nov.
        assertThat(sunday.periodBefore(at("2026-11-22T23:30", ZoneOffset.UTC))).isEqualTo(period("2026-11-09", "2026-11-15"));
    }

    @Test
    void a_weekly_run_across_new_year_reports_the_iso_week_that_spans_both_years() {
        var monday = Timing.weekly(DayOfWeek.MONDAY, LocalTime.of(6, 0), ZoneOffset.UTC);
        assertThat(monday.periodBefore(at("2027-01-04T06:00", ZoneOffset.UTC))).isEqualTo(period("2026-12-28", "2027-01-03"));
    }

    @Test
    void a_monthly_run_reports_the_previous_calendar_month_including_february_of_a_leap_year() {
        var first = Timing.monthly(1, LocalTime.of(7, 0), BERLIN);
        assertThat(first.periodBefore(at("2028-03-01T07:00", BERLIN))).isEqualTo(period("2028-02-01", "2028-02-29"));
        assertThat(first.periodBefore(at("2027-01-01T07:00", BERLIN))).isEqualTo(period("2026-12-01", "2026-12-31"));
        var fifteenth = Timing.monthly(15, LocalTime.of(7, 0), BERLIN);
        assertThat(fifteenth.periodBefore(at("2026-11-15T07:00", BERLIN))).isEqualTo(period("2026-10-01", "2026-10-31"));
    }

    @Test
    void east_of_utc_a_run_early_on_monday_is_still_sunday_in_utc_so_the_week_before_is_the_last_complete_one() {
        var monday = Timing.weekly(DayOfWeek.MONDAY, LocalTime.of(6, 0), AUCKLAND);
        // Monday 23 Nov 2026 06:00 in Auckland (UTC+13) is Sunday 22 Nov 17:00 UTC: Sunday's rollups are not complete.
        assertThat(monday.periodBefore(at("2026-11-23T06:00", AUCKLAND))).isEqualTo(period("2026-11-09", "2026-11-15"));
        // At 14:00 in Auckland it is Monday 01:00 UTC, and the week just ended is complete.
        assertThat(monday.periodBefore(at("2026-11-23T14:00", AUCKLAND))).isEqualTo(period("2026-11-16", "2026-11-22"));
    }

    @Test
    void west_of_utc_the_local_date_decides_though_utc_is_already_the_next_day() {
        var monthly = Timing.monthly(1, LocalTime.of(20, 0), NEW_YORK);
        // 30 Nov 20:00 in New York is 1 Dec 01:00 UTC; locally November is not over, so the month before is reported.
        assertThat(monthly.periodBefore(at("2026-11-30T20:00", NEW_YORK))).isEqualTo(period("2026-10-01", "2026-10-31"));
        assertThat(monthly.periodBefore(at("2026-12-01T20:00", NEW_YORK))).isEqualTo(period("2026-11-01", "2026-11-30"));
    }

    @Test
    void the_latest_run_is_this_weeks_once_its_time_has_come_and_last_weeks_before() {
        var monday = Timing.weekly(DayOfWeek.MONDAY, LocalTime.of(6, 0), BERLIN);
        assertThat(monday.latestRunAtOrBefore(at("2026-11-23T06:00", BERLIN))).isEqualTo(at("2026-11-23T06:00", BERLIN));
        assertThat(monday.latestRunAtOrBefore(at("2026-11-23T05:59", BERLIN))).isEqualTo(at("2026-11-16T06:00", BERLIN));
        assertThat(monday.latestRunAtOrBefore(at("2026-11-26T12:00", BERLIN))).isEqualTo(at("2026-11-23T06:00", BERLIN));
        assertThat(monday.nextRunAfter(at("2026-11-23T06:00", BERLIN))).isEqualTo(at("2026-11-30T06:00", BERLIN));
    }

    @Test
    void a_portal_down_for_weeks_owes_only_the_latest_run() {
        var monday = Timing.weekly(DayOfWeek.MONDAY, LocalTime.of(6, 0), BERLIN);
        // Down from 1 Nov to Wednesday 25 Nov: three Mondays passed, one run (23 Nov, for 16 to 22 Nov) is owed.
        Instant back = at("2026-11-25T10:00", BERLIN);
        Instant run = monday.latestRunAtOrBefore(back);
        assertThat(run).isEqualTo(at("2026-11-23T06:00", BERLIN));
        assertThat(monday.periodBefore(run)).isEqualTo(period("2026-11-16", "2026-11-22"));
    }

    @Test
    void a_monthly_run_before_its_day_belongs_to_the_previous_month() {
        var fifth = Timing.monthly(5, LocalTime.of(8, 0), ZoneOffset.UTC);
        assertThat(fifth.latestRunAtOrBefore(at("2026-03-04T23:00", ZoneOffset.UTC))).isEqualTo(at("2026-02-05T08:00", ZoneOffset.UTC));
        assertThat(fifth.nextRunAfter(at("2026-03-04T23:00", ZoneOffset.UTC))).isEqualTo(at("2026-03-05T08:00", ZoneOffset.UTC));
        assertThat(fifth.nextRunAfter(at("2026-12-05T08:00", ZoneOffset.UTC))).isEqualTo(at("2027-01-05T08:00", ZoneOffset.UTC));
    }

    @Test
    void a_run_time_skipped_by_daylight_saving_runs_when_the_clocks_have_moved_on() {
        // Berlin skips 02:00 to 03:00 on Sunday 29 March 2026.
        var sunday = Timing.weekly(DayOfWeek.SUNDAY, LocalTime.of(2, 30), BERLIN);
        assertThat(sunday.latestRunAtOrBefore(at("2026-03-29T12:00", BERLIN))).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        // Berlin repeats 02:00 to 03:00 on Sunday 25 October 2026: the first one counts.
        assertThat(sunday.latestRunAtOrBefore(at("2026-10-25T12:00", BERLIN))).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
    }

    @Test
    void days_of_month_that_some_months_lack_are_refused() {
        assertThatThrownBy(() -> Timing.monthly(29, LocalTime.NOON, BERLIN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Timing.monthly(0, LocalTime.NOON, BERLIN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_timing_describes_itself_for_people() {
        assertThat(Timing.weekly(DayOfWeek.MONDAY, LocalTime.of(6, 0), BERLIN).describe()).isEqualTo("Mondays at 06:00 (Europe/Berlin)");
        assertThat(Timing.monthly(1, LocalTime.of(7, 30), ZoneOffset.UTC).describe()).isEqualTo("Day 1 of every month at 07:30 (Z)");
    }
}
