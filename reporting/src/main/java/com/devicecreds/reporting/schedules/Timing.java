package com.devicecreds.reporting.schedules;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * When a schedule runs: weekly on a weekday, or monthly on a day (1 to 28, which every month has),
 * at a local time in a time zone; and which days each run reports. A local time that a daylight
 * saving change skips runs when the clocks have moved on (02:30 becomes 03:30); one that occurs
 * twice runs at its first occurrence.
 */
public record Timing(Cadence cadence, Optional<DayOfWeek> weekday, Optional<Integer> dayOfMonth, LocalTime time, ZoneId zone) {

    public static final int LAST_DAY_OF_MONTH = 28;

    public Timing {
        Objects.requireNonNull(cadence, "cadence");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(zone, "zone");
        if ((cadence == Cadence.WEEKLY) != weekday.isPresent() || (cadence == Cadence.MONTHLY) != dayOfMonth.isPresent()) {
            throw new IllegalArgumentException("A weekly schedule has a weekday, a monthly one a day of the month");
        }
        dayOfMonth.filter(d -> d < 1 || d > LAST_DAY_OF_MONTH).ifPresent(d -> {
            throw new IllegalArgumentException("Day of month " + d + " is not between 1 and " + LAST_DAY_OF_MONTH);
        });
    }

    public static Timing weekly(DayOfWeek weekday, LocalTime time, ZoneId zone) {
        return new Timing(Cadence.WEEKLY, Optional.of(weekday), Optional.empty(), time, zone);
    }

    public static Timing monthly(int dayOfMonth, LocalTime time, ZoneId zone) {
        return new Timing(Cadence.MONTHLY, Optional.empty(), Optional.of(dayOfMonth), time, zone);
    }

    /** The latest run at or before the instant: what a scheduler that was stopped for a while still owes, once. */
    public Instant latestRunAtOrBefore(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate day = switch (cadence) {
            case WEEKLY -> today.with(TemporalAdjusters.previousOrSame(weekday.orElseThrow()));
            case MONTHLY -> today.withDayOfMonth(dayOfMonth.orElseThrow());
        };
        Instant run = at(day);
        if (run.isAfter(now)) {
            run = at(cadence == Cadence.WEEKLY ? day.minusWeeks(1) : day.minusMonths(1));
        }
        return run;
    }

    /** The first run after the instant. */
    public Instant nextRunAfter(Instant now) {
        Instant latest = latestRunAtOrBefore(now);
        LocalDate day = LocalDate.ofInstant(latest, zone);
        LocalDate next = cadence == Cadence.WEEKLY ? day.plusWeeks(1) : day.withDayOfMonth(dayOfMonth.orElseThrow()).plusMonths(1);
        return at(next);
    }

    /**
     * The days a run at the instant reports: the last complete week (Monday to Sunday) or calendar
     * month before the run's date in the schedule's zone. The rollups count UTC days, so the period
     * must also have ended in UTC: east of UTC, a run early on a Monday may still be on Sunday in
     * UTC, and then the week before is the last complete one.
     */
    public ReportPeriod periodBefore(Instant run) {
        LocalDate local = LocalDate.ofInstant(run, zone);
        LocalDate utc = LocalDate.ofInstant(run, ZoneOffset.UTC);
        LocalDate firstOpenDay = local.isBefore(utc) ? local : utc;
        return switch (cadence) {
            case WEEKLY -> {
                LocalDate monday = firstOpenDay.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
                yield new ReportPeriod(monday, monday.plusDays(6));
            }
            case MONTHLY -> {
                LocalDate first = firstOpenDay.withDayOfMonth(1).minusMonths(1);
                yield new ReportPeriod(first, first.plusMonths(1).minusDays(1));
            }
        };
    }

    /** "Mondays at 06:00 (Europe/Berlin)", "Day 1 of every month at 06:00 (UTC)". */
    public String describe() {
        String when = switch (cadence) {
            case WEEKLY -> weekday.orElseThrow().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + "s";
            case MONTHLY -> "Day " + dayOfMonth.orElseThrow() + " of every month";
        };
        return when + " at " + time + " (" + zone.getId() + ")";
    }

    private Instant at(LocalDate day) {
        // ZonedDateTime.of moves a time in a gap forward by the gap and takes the earlier of two in an overlap.
        return ZonedDateTime.of(day, time, zone).toInstant();
    }
}
