package com.devicecreds.portal.reports.print;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * LibreOffice and poppler from the command line, as a receiver's office would open and print a file:
 * converting to PDF (all files in one start of LibreOffice, with a profile of its own so that it
 * neither meets another running instance nor the user's settings), counting pages, reading a page's
 * text and rendering a page to PNG.
 */
final class Office {

    private static final long TIMEOUT_SECONDS = 240;

    private Office() {
    }

    /** Converts the files to PDF beside them; returns the PDFs in the files' order. */
    static List<Path> toPdf(Path dir, List<Path> files) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of("soffice", "-env:UserInstallation=" + dir.resolve("lo-profile").toUri(),
                "--headless", "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir", dir.toString()));
        files.forEach(f -> command.add(f.toString()));
        run(command);
        var pdfs = new ArrayList<Path>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            Path pdf = dir.resolve(name.substring(0, name.lastIndexOf('.')) + ".pdf");
            if (!Files.isRegularFile(pdf)) {
                throw new IllegalStateException("LibreOffice made no PDF of " + name);
            }
            pdfs.add(pdf);
        }
        return pdfs;
    }

    static int pages(Path pdf) throws IOException, InterruptedException {
        return run(List.of("pdfinfo", pdf.toString())).lines().filter(l -> l.startsWith("Pages:"))
                .map(l -> Integer.parseInt(l.substring("Pages:".length()).trim())).findFirst()
                .orElseThrow(() -> new IllegalStateException("pdfinfo gave no page count of " + pdf));
    }

    /** The text of one page (1-based), as poppler reads it. */
    static String text(Path pdf, int page) throws IOException, InterruptedException {
        return run(List.of("pdftotext", "-layout", "-f", String.valueOf(page), "-l", String.valueOf(page), pdf.toString(), "-"));
    }

    /** Renders one page (1-based) to {@code png} at 60 dpi. */
    static Path render(Path pdf, int page, Path png) throws IOException, InterruptedException {
        String base = png.toString().substring(0, png.toString().length() - ".png".length());
        run(List.of("pdftoppm", "-png", "-singlefile", "-r", "60", "-f", String.valueOf(page), "-l", String.valueOf(page),
                pdf.toString(), base));
        return png;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command.getFirst() + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(command.getFirst() + " failed (" + process.exitValue() + "): " + text);
        }
        return text;
    }
}
