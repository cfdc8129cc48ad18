package com.devicecreds.inventory.threshold;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * When a pool reaches one level (warning or critical): it does as soon as ANY present criterion is
 * met. An absent criterion is not checked.
 *
 * @param available        available credentials at or below this count
 * @param percentOfLoaded  available at or below this share (percent) of all loaded (available + bound)
 * @param runwayDays       days of runway at or below this
 */
public record Limit(OptionalInt available, OptionalInt percentOfLoaded, OptionalInt runwayDays) {

    public static Limit of(Integer available, Integer percentOfLoaded, Integer runwayDays) {
        return new Limit(optional(available), optional(percentOfLoaded), optional(runwayDays));
    }

    /**
     * True when the measurement meets this limit, with every criterion widened by {@code factor}
     * (1 to enter a level; 1 + recovery margin to decide whether a pool has left it: hysteresis).
     */
    public boolean isReachedBy(long availableNow, long loaded, double runwayDaysNow, double factor) {
        return available.isPresent() && availableNow <= available.getAsInt() * factor
                || percentOfLoaded.isPresent() && availableNow * 100.0 <= percentOfLoaded.getAsInt() * factor * loaded
                || runwayDays.isPresent() && runwayDaysNow <= runwayDays.getAsInt() * factor;
    }

    String describe() {
        return "count " + text(available) + ", " + text(percentOfLoaded) + " %, " + text(runwayDays) + " d";
    }

    private static String text(OptionalInt value) {
        return value.isPresent() ? String.valueOf(value.getAsInt()) : "-";
    }

    boolean isEmpty() {
        return available.isEmpty() && percentOfLoaded.isEmpty() && runwayDays.isEmpty();
    }

    List<String> problems(String level) {
        var problems = new ArrayList<String>();
        if (isEmpty()) {
            problems.add("The " + level + " level needs at least one criterion (count, percent or days)");
        }
        negative(available, level + " count", problems);
        negative(percentOfLoaded, level + " percent", problems);
        negative(runwayDays, level + " days of runway", problems);
        if (percentOfLoaded.isPresent() && percentOfLoaded.getAsInt() > 100) {
            problems.add("The " + level + " percent must be at most 100");
        }
        return problems;
    }

    private static void negative(OptionalInt value, String name, List<String> problems) {
        if (value.isPresent() && value.getAsInt() < 0) {
            problems.add("The " + name + " must not be negative");
        }
    }

    static OptionalInt optional(Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    static Integer nullable(OptionalInt value) {
        return value.isPresent() ? value.getAsInt() : null;
    }
}
