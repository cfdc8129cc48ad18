package com.devicecreds.portal.ui.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.function.Function;
import java.util.function.Supplier;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.Plot;

/**
 * A JFreeChart rendered on the server as a PNG. It is drawn at twice the size it is shown, so it
 * stays crisp on high-density screens, on a transparent background with neutral text colours that
 * read on the light and the dark theme alike. The page reads the chart's data when it opens; the
 * image is drawn when the browser asks for it, once for all viewers of equal data (decision 038).
 * See docs/decisions/003 (charts are server images).
 */
public class ChartImage extends Image {

    /** Readable on white and on the dark theme's slate. */
    public static final Color TEXT = new Color(0x7a, 0x85, 0x94);
    public static final Color GRID = new Color(0x7a, 0x85, 0x94, 0x40);
    public static final Color ACCENT = new Color(0x0b, 0x6e, 0x69);
    public static final Color ACCENT_LIGHT = new Color(0x3c, 0xc7, 0xbd);
    public static final Color WARN = new Color(0xb7, 0x79, 0x1f);

    private static final int SCALE = 2;

    /** As {@link #shared(String, String, int, int, double, Object, Function)}, drawn at {@value #SCALE}x. */
    public static <I> ChartImage shared(String fileName, String altText, int width, int height, I inputs,
            Function<? super I, JFreeChart> chart) {
        return shared(fileName, altText, width, height, SCALE, inputs, chart);
    }

    /**
     * A chart drawn from the given inputs by a function of them alone, at the given scale of its CSS
     * pixel size, such as the browser's device pixel ratio ({@link #devicePixelRatio(UI)}), so that one
     * image pixel is one screen pixel. Rendered once for every viewer whose inputs are equal (records,
     * lists of records): see {@link RenderedCharts}.
     */
    public static <I> ChartImage shared(String fileName, String altText, int width, int height, double scale, I inputs,
            Function<? super I, JFreeChart> chart) {
        var key = new RenderedCharts.Key(fileName, inputs, width, height, scale);
        return new ChartImage(() -> RenderedCharts.SHARED.png(key, () -> render(chart.apply(inputs), width, height, scale)),
                fileName, altText, width, height);
    }

    private ChartImage(Supplier<byte[]> png, String fileName, String altText, int width, int height) {
        super(DownloadHandler.fromInputStream(event -> {
            byte[] bytes = png.get();
            return new DownloadResponse(new ByteArrayInputStream(bytes), fileName, "image/png", bytes.length);
        }), altText);
        addClassName("chart-image");
        getElement().setAttribute("width", Integer.toString(width));
        getElement().setAttribute("height", Integer.toString(height));
    }

    /** Renders at the given multiple of the CSS pixel size. */
    private static byte[] render(JFreeChart chart, int width, int height, double scale) {
        style(chart);
        var image = new BufferedImage((int) Math.round(width * scale), (int) Math.round(height * scale),
                BufferedImage.TYPE_INT_ARGB);
        var g = image.createGraphics();
        try {
            g.scale(scale, scale);
            chart.draw(g, new java.awt.geom.Rectangle2D.Double(0, 0, width, height));
        } finally {
            g.dispose();
        }
        return PngEncoder.encode(image);
    }

    /** The browser's device pixel ratio, between 1 and 4; {@value #SCALE} while the browser has not told it. */
    public static double devicePixelRatio(UI ui) {
        double ratio = ui.getPage().getExtendedClientDetails().getDevicePixelRatio();
        return Double.isFinite(ratio) && ratio > 0 ? Math.clamp(ratio, 1, 4) : SCALE;
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
