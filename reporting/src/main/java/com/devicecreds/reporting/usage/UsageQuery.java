package com.devicecreds.reporting.usage;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

import com.devicecreds.access.OperatorRef;

/**
 * Which usage to report: an operator (empty: every operator the caller may see), the UTC days
 * {@code from} to {@code to} inclusive, and how to group them. The previous period is the same
 * number of days right before {@code from}.
 */
public record UsageQuery(Optional<OperatorRef> operator, LocalDate from, LocalDate to, Granularity granularity) {

    /** Longest period one report covers; longer ones would mostly be asked for by mistake. */
    public static final int MAX_DAYS = 3 * 366;

    public UsageQuery {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(granularity, "granularity");
        if (from == null || to == null) {
            throw new InvalidUsageQueryException("Choose both the first and the last day of the period.");
        }
        if (to.isBefore(from)) {
            throw new InvalidUsageQueryException("The period ends (" + to + ") before it starts (" + from + ").");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw new InvalidUsageQueryException("The period is longer than " + MAX_DAYS + " days; choose a shorter one.");
        }
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    public LocalDate previousFrom() {
        return from.minusDays(days());
    }

    public LocalDate previousTo() {
        return from.minusDays(1);
    }

    /** A period the user cannot report on, with a message that says why. */
    public static final class InvalidUsageQueryException extends IllegalArgumentException {
        public InvalidUsageQueryException(String message) {
            super(message);
        }
    }
}
