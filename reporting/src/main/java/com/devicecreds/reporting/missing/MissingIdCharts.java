package com.devicecreds.reporting.missing;

import java.awt.Color;
import java.awt.Font;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The convergence of an operator's missing IDs over its list parts: for each part number, the IDs
 * its arrival resolved stacked on those still missing after it. A list that converges shows the
 * red part shrinking part by part. Colours read on light and dark backgrounds like the usage charts.
 */
public final class MissingIdCharts {

    static final String STILL_MISSING = "Still missing after the part";
    static final String RESOLVED = "Resolved by the part";
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Color TEXT = new Color(0x7a, 0x85, 0x94);
    private static final Color GRID = new Color(0x7a, 0x85, 0x94, 0x40);

    private MissingIdCharts() {
    }

    public static JFreeChart convergence(List<PartConvergence> parts) {
        var dataset = new DefaultCategoryDataset();
        for (PartConvergence p : parts) {
            String part = "Part " + p.partNumber();
            dataset.addValue(p.stillMissing(), STILL_MISSING, part);
            dataset.addValue(p.resolvedByPart(), RESOLVED, part);
        }
        var renderer = new StackedBarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setMaximumBarWidth(0.08);
        renderer.setSeriesPaint(0, new Color(0xc2, 0x41, 0x4b));
        renderer.setSeriesPaint(1, new Color(0x0b, 0x6e, 0x69));
        var values = new NumberAxis("Missing device IDs");
        values.setNumberFormatOverride(NumberFormat.getIntegerInstance(Locale.US));
        values.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        var parts1 = new CategoryAxis("Authorized list part");
        var plot = new CategoryPlot(dataset, parts1, values, renderer);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlinesVisible(false);
        style(values);
        style(parts1);
        return new JFreeChart(null, FONT, plot, true);
    }

    private static void style(Axis axis) {
        axis.setLabelPaint(TEXT);
        axis.setTickLabelPaint(TEXT);
        axis.setAxisLinePaint(GRID);
        axis.setTickMarkPaint(GRID);
        axis.setLabelFont(FONT);
        axis.setTickLabelFont(FONT);
    }
}
