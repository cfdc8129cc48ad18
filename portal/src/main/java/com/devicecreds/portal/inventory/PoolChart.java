package com.devicecreds.portal.inventory;

import java.awt.BasicStroke;
import java.awt.Font;
import java.text.NumberFormat;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import com.devicecreds.inventory.pool.DailyPoolPoint;
import com.devicecreds.portal.ui.chart.ChartImage;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/** Available credentials at the end of each day (line, left axis) and daily consumption (bars, right axis). */
final class PoolChart {

    private static final Font AXIS = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private PoolChart() {
    }

    static JFreeChart of(List<DailyPoolPoint> days) {
        var available = new TimeSeries("Available at end of day");
        var delivered = new TimeSeries("Delivered per day");
        for (var point : days) {
            var day = new Day(java.util.Date.from(point.day().atStartOfDay(ZoneOffset.UTC).toInstant()),
                    java.util.TimeZone.getTimeZone("UTC"), Locale.ROOT);
            available.add(day, point.availableAtEndOfDay());
            delivered.add(day, point.delivered());
        }

        var time = new DateAxis();
        time.setTimeZone(java.util.TimeZone.getTimeZone("UTC"));
        time.setDateFormatOverride(new java.text.SimpleDateFormat("d MMM", Locale.ENGLISH));
        var availableAxis = axis("Available");
        var deliveredAxis = axis("Delivered per day");

        var line = new XYLineAndShapeRenderer(true, false);
        line.setSeriesPaint(0, ChartImage.ACCENT_LIGHT);
        line.setSeriesStroke(0, new BasicStroke(2.5f));
        var bars = new XYBarRenderer(0.25);
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, ChartImage.WARN);

        var plot = new XYPlot(new TimeSeriesCollection(available), time, availableAxis, line);
        plot.setDataset(1, new TimeSeriesCollection(delivered));
        plot.setRangeAxis(1, deliveredAxis);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, bars);
        plot.setRangeGridlinePaint(ChartImage.GRID);
        plot.setDomainGridlinesVisible(false);
        styleAxis(time);

        return new JFreeChart(null, AXIS, plot, true);
    }

    private static NumberAxis axis(String label) {
        var axis = new NumberAxis(label);
        axis.setNumberFormatOverride(NumberFormat.getIntegerInstance(Locale.US));
        axis.setAutoRangeIncludesZero(true);
        styleAxis(axis);
        return axis;
    }

    private static void styleAxis(ValueAxis axis) {
        axis.setLabelPaint(ChartImage.TEXT);
        axis.setTickLabelPaint(ChartImage.TEXT);
        axis.setAxisLinePaint(ChartImage.GRID);
        axis.setTickMarkPaint(ChartImage.GRID);
        axis.setLabelFont(AXIS);
        axis.setTickLabelFont(AXIS);
    }
}
