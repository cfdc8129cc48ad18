package com.devicecreds.benchmark;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The one machine-readable line every benchmark prints per figure, beside its own report, so that
 * the {@code bench} script at the repository root can gather all of them into one table:
 * <pre>RESULT benchmark | figure | value | unit | baseline value | baseline | ratio</pre>
 * The ratio is baseline ÷ value: every figure is lower-is-better (a time, a heap, CPU), so above 1
 * the project's way beats its naive baseline measured in the same run. A figure without a baseline
 * prints {@code -} in the last three columns.
 */
public final class BenchmarkResult {

    private BenchmarkResult() {
    }

    public static void print(PrintStream out, String benchmark, String figure, double value, String unit,
            double baselineValue, String baseline) {
        out.printf(Locale.ROOT, "RESULT %s | %s | %s | %s | %s | %s | %s%n", benchmark, figure, number(value), unit,
                number(baselineValue), baseline, value > 0 && !Double.isNaN(baselineValue) ? String.format(Locale.ROOT, "%.2f", baselineValue / value) : "-");
    }

    public static void print(PrintStream out, String benchmark, String figure, double value, String unit) {
        out.printf(Locale.ROOT, "RESULT %s | %s | %s | %s | - | - | -%n", benchmark, figure, number(value), unit);
    }

    /** Shorthand for standard output. */
    public static void print(String benchmark, String figure, double value, String unit, double baselineValue,
            String baseline) {
        print(System.out, benchmark, figure, value, unit, baselineValue, baseline);
    }

    public static void print(String benchmark, String figure, double value, String unit) {
        print(System.out, benchmark, figure, value, unit);
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return Math.abs(value) >= 100 || value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.3g", value);
    }
}
