package com.devicecreds.reporting.usage;

import java.awt.Color;
import java.awt.Font;
import java.text.NumberFormat;
import java.text.SimpleDateFormat;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.axis.DateTickUnitType;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.SimpleTimePeriod;
import org.jfree.data.time.TimeTableXYDataset;

/**
 * The usage charts, built from a {@link UsageReport} (so a view and an export draw the same). Text
 * and grid colours read on light and dark backgrounds; the caller renders the chart to an image.
 * Periods are UTC days, ISO weeks or months.
 */
public final class UsageCharts {

    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Color TEXT = new Color(0x7a, 0x85, 0x94);
    private static final Color GRID = new Color(0x7a, 0x85, 0x94, 0x40);
    private static final Color DELIVERED = new Color(0x0b, 0x6e, 0x69);
    private static final Color REDELIVERED = new Color(0x3c, 0xc7, 0xbd);
    private static final Color REJECTED = new Color(0xc2, 0x41, 0x4b);
    private static final String DELIVERED_LABEL = "Delivered";
    private static final String REDELIVERED_LABEL = "Re-delivered";
    private static final String REJECTED_LABEL = "Rejected";
    private static final Color PREVIOUS = new Color(0x9a, 0xa5, 0xb4);
    private static final List<Color> PALETTE = List.of(new Color(0x0b, 0x6e, 0x69), new Color(0xb7, 0x79, 0x1f),
            new Color(0x3b, 0x6f, 0xd4), new Color(0x8a, 0x4f, 0xc9), new Color(0xc2, 0x41, 0x4b),
            new Color(0x3c, 0xc7, 0xbd), new Color(0x5f, 0x9e, 0x3a), new Color(0xd9, 0x73, 0x9c));

    private UsageCharts() {
    }

    /** Requests per period, stacked by credential type. */
    public static JFreeChart requestsByType(UsageReport report) {
        var table = new TreeMap<LocalDate, Map<String, Long>>();
        var types = new LinkedHashSet<String>();
        for (UsageRow row : report.rows()) {
            types.add(row.credentialType());
            table.computeIfAbsent(row.period(), p -> new HashMap<>()).merge(row.credentialType(), row.total(), Long::sum);
        }
        var renderer = stackedBars();
        int i = 0;
        for (String ignored : types) {
            renderer.setSeriesPaint(i, PALETTE.get(i % PALETTE.size()));
            i++;
        }
        return timeChart(report, dataset(report, table, types), renderer);
    }

    /** Requests per period, stacked by outcome. */
    public static JFreeChart outcomes(UsageReport report) {
        var table = new TreeMap<LocalDate, Map<String, Long>>();
        for (UsageRow row : report.rows()) {
            var cells = table.computeIfAbsent(row.period(), p -> new HashMap<>());
            cells.merge(DELIVERED_LABEL, row.delivered(), Long::sum);
            cells.merge(REDELIVERED_LABEL, row.redelivered(), Long::sum);
            cells.merge(REJECTED_LABEL, row.rejected(), Long::sum);
        }
        var renderer = stackedBars();
        renderer.setSeriesPaint(0, DELIVERED);
        renderer.setSeriesPaint(1, REDELIVERED);
        renderer.setSeriesPaint(2, REJECTED);
        return timeChart(report, dataset(report, table, List.of(DELIVERED_LABEL, REDELIVERED_LABEL, REJECTED_LABEL)),
                renderer);
    }

    /** Rejected requests of the period by reason, most first. */
    public static JFreeChart rejections(UsageReport report) {
        var dataset = new DefaultCategoryDataset();
        report.rejections().forEach(r -> dataset.addValue(r.count(), "Rejected", r.reason()));
        var renderer = bars();
        renderer.setSeriesPaint(0, REJECTED);
        return categoryChart(dataset, renderer, "Rejected requests", false);
    }

    /** Requests of each credential type in the period and in the period before it. */
    public static JFreeChart againstPrevious(UsageReport report) {
        var dataset = new DefaultCategoryDataset();
        for (TypeComparison t : report.byType()) {
            dataset.addValue(t.previous(), "Previous " + report.query().days() + " days", t.credentialType());
            dataset.addValue(t.current(), "This period", t.credentialType());
        }
        var renderer = bars();
        renderer.setSeriesPaint(0, PREVIOUS);
        renderer.setSeriesPaint(1, DELIVERED);
        return categoryChart(dataset, renderer, "Requests", true);
    }

    /** Every series gets a value in every period (zero where it had none), as stacking needs. */
    private static TimeTableXYDataset dataset(UsageReport report, Map<LocalDate, Map<String, Long>> table,
            Collection<String> series) {
        var dataset = new TimeTableXYDataset();
        table.forEach((start, cells) -> {
            var period = period(report, start);
            series.forEach(name -> dataset.add(period, cells.getOrDefault(name, 0L), name, false));
        });
        return dataset;
    }

    private static SimpleTimePeriod period(UsageReport report, LocalDate start) {
        LocalDate end = switch (report.query().granularity()) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
        };
        return new SimpleTimePeriod(utc(start), new Date(utc(end).getTime() - 1));
    }

    private static Date utc(LocalDate day) {
        return Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private static StackedXYBarRenderer stackedBars() {
        var renderer = new StackedXYBarRenderer(0.15);
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        return renderer;
    }

    private static BarRenderer bars() {
        var renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        renderer.setMaximumBarWidth(0.12);
        return renderer;
    }

    private static JFreeChart timeChart(UsageReport report, TimeTableXYDataset dataset, StackedXYBarRenderer renderer) {
        var time = new DateAxis();
        time.setTimeZone(TimeZone.getTimeZone("UTC"));
        time.setDateFormatOverride(new SimpleDateFormat(
                report.query().granularity() == Granularity.MONTH ? "MMM yyyy" : "d MMM", Locale.ENGLISH));
        time.getDateFormatOverride().setTimeZone(TimeZone.getTimeZone("UTC"));
        time.setStandardTickUnits(wholePeriods(report.query().granularity()));
        var plot = new XYPlot(dataset, time, valueAxis("Requests"), renderer);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlinesVisible(false);
        style(time);
        return new JFreeChart(null, FONT, plot, true);
    }

    /** Ticks on whole days (never hours, which would label a day twice), months for monthly reports. */
    private static TickUnits wholePeriods(Granularity granularity) {
        var units = new TickUnits();
        if (granularity != Granularity.MONTH) {
            for (int days : new int[] {1, 2, 7, 14}) {
                units.add(new DateTickUnit(DateTickUnitType.DAY, days));
            }
        }
        for (int months : new int[] {1, 2, 3, 6}) {
            units.add(new DateTickUnit(DateTickUnitType.MONTH, months));
        }
        units.add(new DateTickUnit(DateTickUnitType.YEAR, 1));
        return units;
    }

    private static JFreeChart categoryChart(DefaultCategoryDataset dataset, BarRenderer renderer, String valueLabel,
            boolean legend) {
        var categories = new CategoryAxis();
        categories.setMaximumCategoryLabelWidthRatio(0.45f);
        var plot = new CategoryPlot(dataset, categories, valueAxis(valueLabel), renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlinesVisible(false);
        style(categories);
        return new JFreeChart(null, FONT, plot, legend);
    }

    /** A count axis in the charts' style: integer ticks with thousands separators, from zero. */
    public static NumberAxis valueAxis(String label) {
        var axis = new NumberAxis(label);
        axis.setNumberFormatOverride(NumberFormat.getIntegerInstance(Locale.US));
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        axis.setAutoRangeIncludesZero(true);
        style(axis);
        return axis;
    }

    /** Muted axis lines and labels that read on light and dark backgrounds. */
    public static void style(Axis axis) {
        axis.setLabelPaint(TEXT);
        axis.setTickLabelPaint(TEXT);
        axis.setAxisLinePaint(GRID);
        axis.setTickMarkPaint(GRID);
        axis.setLabelFont(FONT);
        axis.setTickLabelFont(FONT);
    }

}
