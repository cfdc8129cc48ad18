package com.devicecreds.reporting.rollout;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.SimpleDateFormat;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Locale;
import java.util.TimeZone;

import com.devicecreds.reporting.usage.UsageCharts;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/**
 * A rollout's daily progress: first deliveries per day as bars (left axis) and the running total
 * against the target as a line (right axis) with the target marked, so a rollout that will not
 * reach its target in its window shows it. Days are UTC days; colours as in the usage charts.
 */
public final class RolloutCharts {

    static final String PER_DAY = "Delivered per day";
    static final String TOTAL = "Delivered in total";
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Color GRID = new Color(0x7a, 0x85, 0x94, 0x40);
    private static final Color BARS = new Color(0x3c, 0xc7, 0xbd, 0x99);
    private static final Color LINE = new Color(0x0b, 0x6e, 0x69);
    private static final Color TARGET = new Color(0xb7, 0x79, 0x1f);
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private RolloutCharts() {
    }

    public static JFreeChart dailyProgress(Rollout rollout, RolloutProgress progress) {
        var perDay = new TimeSeries(PER_DAY);
        var total = new TimeSeries(TOTAL);
        long sum = 0;
        for (RolloutDay day : progress.days()) {
            var period = new Day(Date.from(day.day().atStartOfDay(ZoneOffset.UTC).toInstant()), UTC, Locale.ENGLISH);
            sum += day.delivered();
            perDay.add(period, day.delivered());
            total.add(period, sum);
        }
        var time = new DateAxis();
        time.setTimeZone(UTC);
        var format = new SimpleDateFormat("d MMM", Locale.ENGLISH);
        format.setTimeZone(UTC);
        time.setDateFormatOverride(format);
        UsageCharts.style(time);

        var bars = new XYBarRenderer(0.2);
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        bars.setSeriesPaint(0, BARS);
        var perDayAxis = UsageCharts.valueAxis(PER_DAY);
        if (sum == 0) {
            // A window without deliveries yet still gets a scale, not a lone zero.
            perDayAxis.setRange(0, 10);
        }
        var plot = new XYPlot(new TimeSeriesCollection(perDay, UTC), time, perDayAxis, bars);

        var line = new XYLineAndShapeRenderer(true, false);
        line.setSeriesPaint(0, LINE);
        line.setSeriesStroke(0, new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        var totalAxis = UsageCharts.valueAxis(TOTAL);
        // Room above the target so the marker and its label stay inside the plot.
        totalAxis.setAutoRange(false);
        totalAxis.setRange(0, Math.max(rollout.targetDevices(), sum) * 1.12);
        plot.setRangeAxis(1, totalAxis);
        plot.setRangeAxisLocation(1, AxisLocation.BOTTOM_OR_RIGHT);
        plot.setDataset(1, new TimeSeriesCollection(total, UTC));
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, line);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);

        var target = new ValueMarker(rollout.targetDevices(), TARGET, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        target.setLabel(String.format(Locale.US, "Target %,d", rollout.targetDevices()));
        target.setLabelFont(FONT);
        target.setLabelPaint(TARGET);
        target.setLabelBackgroundColor(new Color(0, 0, 0, 0));
        target.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        target.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        target.setLabelOffset(new org.jfree.chart.ui.RectangleInsets(2, 6, 2, 2));
        plot.addRangeMarker(1, target, org.jfree.chart.ui.Layer.FOREGROUND);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlinesVisible(false);
        return new JFreeChart(null, FONT, plot, true);
    }
}
