package com.devicecreds.portal.demo;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * How many provisioning requests fall into each hour of the history: devices ask when they are
 * switched on, so traffic peaks in the evening and on weekends, and grows as rollouts proceed.
 */
final class TrafficRhythm {

    /** Relative traffic by hour of day (UTC; the demo operators are in Europe), peaking at 20:00. */
    private static final double[] HOUR_OF_DAY = {
            0.35, 0.25, 0.20, 0.18, 0.18, 0.22, 0.35, 0.50, 0.60, 0.65, 0.70, 0.72,
            0.75, 0.75, 0.75, 0.80, 0.90, 1.05, 1.30, 1.60, 1.80, 1.70, 1.20, 0.70};

    private static final double START_LEVEL = 0.7;
    private static final double END_LEVEL = 1.3;

    private TrafficRhythm() {
    }

    static double hourOfDay(int hour) {
        return HOUR_OF_DAY[hour];
    }

    static double dayOfWeek(DayOfWeek day) {
        return switch (day) {
            case SATURDAY -> 1.30;
            case SUNDAY -> 1.35;
            case FRIDAY -> 1.05;
            default -> 1.0;
        };
    }

    /** Traffic level at a point of the history, 0 = its start and 1 = now. */
    static double growth(double progress) {
        return START_LEVEL + (END_LEVEL - START_LEVEL) * progress;
    }

    /**
     * Splits {@code events} over the hours starting at {@code start}, so that the counts add up to
     * exactly {@code events}. A little noise keeps the chart from looking drawn with a ruler.
     */
    static int[] eventsPerHour(Instant start, int hours, int events, SplittableRandom random) {
        double[] weights = new double[hours];
        double total = 0;
        for (int h = 0; h < hours; h++) {
            var at = start.plusSeconds(h * 3600L + 1800).atOffset(ZoneOffset.UTC);
            double w = hourOfDay(at.getHour()) * dayOfWeek(at.getDayOfWeek())
                    * growth(hours == 1 ? 1 : (double) h / (hours - 1)) * (0.9 + 0.2 * random.nextDouble());
            weights[h] = w;
            total += w;
        }
        int[] counts = new int[hours];
        double cumulative = 0;
        long assigned = 0;
        for (int h = 0; h < hours; h++) {
            cumulative += weights[h];
            long upTo = h == hours - 1 ? events : Math.round(cumulative / total * events);
            counts[h] = (int) (upTo - assigned);
            assigned = upTo;
        }
        return counts;
    }
}
