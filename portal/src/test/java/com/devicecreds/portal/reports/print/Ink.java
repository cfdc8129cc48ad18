package com.devicecreds.portal.reports.print;

import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/** What a rendered page holds: the share of its pixels that are not white, and of those that are coloured. */
record Ink(double inked, double coloured) {

    private static final int NEAR_WHITE = 235;
    /** A pixel whose channels differ this much is colour, not grey text. */
    private static final int CHROMA = 40;

    static Ink of(Path png) throws IOException {
        var image = ImageIO.read(png.toFile());
        long inked = 0;
        long coloured = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (Math.min(r, Math.min(g, b)) < NEAR_WHITE) {
                    inked++;
                }
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > CHROMA) {
                    coloured++;
                }
            }
        }
        double all = (double) image.getWidth() * image.getHeight();
        return new Ink(inked / all, coloured / all);
    }
}
