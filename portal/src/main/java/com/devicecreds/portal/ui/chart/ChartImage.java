package com.devicecreds.portal.ui.chart;

import java.awt.Color;
import java.awt.Font;
import java.util.function.Function;

import com.vaadin.flow.component.html.Image;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.Plot;
import org.jfree.svg.SVGGraphics2D;

/**
 * A JFreeChart drawn on the server as SVG, on a transparent background with neutral text colours that
 * read on the light and the dark theme alike. Vector output is crisp at every device pixel ratio and
 * costs a fraction of a raster image to make. The page reads the chart's data when it opens and the
 * chart is drawn then, once for all viewers of equal data; the browser fetches it from
 * {@link ChartEndpoint} by an address that names its content (decisions 003, 038, 039).
 */
public class ChartImage extends Image {

    /** Readable on white and on the dark theme's slate. */
    public static final Color TEXT = new Color(0x7a, 0x85, 0x94);
    public static final Color GRID = new Color(0x7a, 0x85, 0x94, 0x40);
    public static final Color ACCENT = new Color(0x0b, 0x6e, 0x69);
    public static final Color ACCENT_LIGHT = new Color(0x3c, 0xc7, 0xbd);
    public static final Color WARN = new Color(0xb7, 0x79, 0x1f);

    /**
     * A chart drawn from the given inputs by a function of them alone, shown at the given CSS pixel
     * size. Drawn once for every viewer whose inputs are equal (records, lists of records): see
     * {@link RenderedCharts}.
     */
    public static <I> ChartImage shared(String name, String altText, int width, int height, I inputs,
            Function<? super I, JFreeChart> chart) {
        var rendered = RenderedCharts.SHARED.chart(new RenderedCharts.Key(name, inputs, width, height),
                () -> svg(chart.apply(inputs), width, height));
        return new ChartImage(rendered.id(), altText, width, height);
    }

    private ChartImage(String id, String altText, int width, int height) {
        super(ChartEndpoint.address(id), altText);
        addClassName("chart-image");
        getElement().setAttribute("width", Integer.toString(width));
        getElement().setAttribute("height", Integer.toString(height));
    }

    /** The chart as an SVG document of the given size. */
    static String svg(JFreeChart chart, int width, int height) {
        style(chart);
        var g = new SVGGraphics2D(width, height);
        // Numbers with two decimals at most: a tenth of the default output, and exact at any zoom.
        g.setGeomDoubleConverter(d -> trim(d));
        g.setTransformDoubleConverter(d -> trim(d));
        try {
            chart.draw(g, new java.awt.geom.Rectangle2D.Double(0, 0, width, height));
        } finally {
            g.dispose();
        }
        return g.getSVGDocument();
    }

    private static String trim(double d) {
        long hundredths = Math.round(d * 100);
        if (hundredths % 100 == 0) {
            return Long.toString(hundredths / 100);
        }
        return java.math.BigDecimal.valueOf(hundredths, 2).stripTrailingZeros().toPlainString();
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(new Color(0, 0, 0, 0));
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        if (chart.getLegend() != null) {
            chart.getLegend().setBackgroundPaint(new Color(0, 0, 0, 0));
            chart.getLegend().setItemPaint(TEXT);
            chart.getLegend().setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(new Color(0, 0, 0, 0));
        plot.setOutlineVisible(false);
    }
}
