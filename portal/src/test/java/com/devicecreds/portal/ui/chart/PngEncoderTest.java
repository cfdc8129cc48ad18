package com.devicecreds.portal.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;

import javax.imageio.ImageIO;

import org.jfree.chart.ChartFactory;
import org.jfree.data.category.DefaultCategoryDataset;
import org.junit.jupiter.api.Test;

/** The charts' PNG writer gives back every pixel, transparency included, as a standard decoder reads it. */
class PngEncoderTest {

    @Test
    void a_rendered_chart_decodes_to_exactly_the_pixels_drawn() throws IOException {
        var data = new DefaultCategoryDataset();
        data.addValue(120, "Delivered", "1 Dec");
        data.addValue(80, "Rejected", "1 Dec");
        data.addValue(150, "Delivered", "2 Dec");
        var chart = ChartFactory.createBarChart("Requests", "Day", "Requests", data);
        chart.setBackgroundPaint(new Color(0, 0, 0, 0));
        var image = new BufferedImage(400, 200, BufferedImage.TYPE_INT_ARGB);
        var g = image.createGraphics();
        chart.draw(g, new java.awt.geom.Rectangle2D.Double(0, 0, 400, 200));
        g.dispose();

        assertSamePixels(image, ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(image))));
    }

    @Test
    void noise_with_every_alpha_decodes_to_exactly_the_same_pixels() throws IOException {
        var image = new BufferedImage(97, 31, BufferedImage.TYPE_INT_ARGB);
        var random = new Random(7);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }

        assertSamePixels(image, ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(image))));
    }

    @Test
    void other_image_types_are_refused_rather_than_misread() {
        var rgb = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);

        assertThatThrownBy(() -> PngEncoder.encode(rgb)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertSamePixels(BufferedImage expected, BufferedImage actual) {
        assertThat(actual.getWidth()).isEqualTo(expected.getWidth());
        assertThat(actual.getHeight()).isEqualTo(expected.getHeight());
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                int want = expected.getRGB(x, y);
                int got = actual.getRGB(x, y);
                // A fully transparent pixel has no colour to keep.
                if ((want >>> 24) == 0) {
                    assertThat(got >>> 24).as("alpha at %d,%d", x, y).isZero();
                } else {
                    assertThat(Integer.toHexString(got)).as("pixel at %d,%d", x, y).isEqualTo(Integer.toHexString(want));
                }
            }
        }
    }
}
