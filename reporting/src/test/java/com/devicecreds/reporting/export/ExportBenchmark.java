package com.devicecreds.reporting.export;

import com.devicecreds.benchmark.BenchmarkResult;
import java.util.regex.Pattern;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Export of a million rows (the missing-ID export's columns) with the streaming {@link ExcelExport}
 * next to a naive baseline, a non-streaming XSSF workbook with the same rows, each in its own JVM
 * with the same heap limit (default -Xmx64m), measured in the same run; the baseline is run again
 * with a large heap (6 GB) to show what it needs, and both at a tenth of the rows (the baseline with
 * 2 GB) to compare them where both finish. Each child prints its time, its peak heap (the sum of the
 * heap pools' peaks, after the run) and the file size. Run from the repository root:
 * <pre>
 * (JAVA_HOME pointing at a JDK 21 or newer)
 * ./mvnw -o -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -pl reporting -am
 * $JAVA_HOME/bin/java -cp reporting/target/test-classes:reporting/target/classes:$(cat reporting/target/test-classpath.txt) \
 *     com.devicecreds.reporting.export.ExportBenchmark [rows] [heap]
 * </pre>
 */
public final class ExportBenchmark {

    private static final List<ExcelColumn> COLUMNS = List.of(ExcelColumn.text("Operator", 14),
            ExcelColumn.text("Credential type", 30), ExcelColumn.text("Device ID", 30), ExcelColumn.text("Status", 18),
            ExcelColumn.dateTime("First seen (UTC)"), ExcelColumn.dateTime("Last seen (UTC)"),
            ExcelColumn.integer("Attempts"), ExcelColumn.text("Model", 24), ExcelColumn.text("Last reason", 26),
            ExcelColumn.integer("Sent in export"));
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Pattern TIME = Pattern.compile("^time ([\\d,]+) ms");
    private static final Pattern PEAK = Pattern.compile("peak heap ([\\d,]+) MB");

    private static long rowsDone;

    private ExportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("child")) {
            child(args[1], Integer.parseInt(args[2]));
            return;
        }
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String heap = args.length > 1 ? args[1] : "64m";
        System.out.printf(Locale.US, "Export of %,d rows x %d columns; each run in a fresh JVM%n", rows, COLUMNS.size());
        String streaming = run("streaming (SXSSF)", "streaming", rows, heap);
        // A size the naive workbook can hold, to compare the two where both finish.
        int small = Math.max(1, rows / 10);
        String streamingSmall = run("streaming (SXSSF)", "streaming", small, heap);
        String naiveSmall = run("naive (XSSF)", "naive", small, "2g");
        run("naive (XSSF)", "naive", rows, heap);
        String naive = run("naive (XSSF)", "naive", rows, "6g");
        String name = String.format(Locale.ROOT, "export, %,d rows", rows);
        BenchmarkResult.print(name, "time, streaming at -Xmx" + heap, figure(streaming, TIME), "ms", figure(naive, TIME),
                "non-streaming workbook at -Xmx6g");
        BenchmarkResult.print(name, "peak heap, streaming", figure(streaming, PEAK), "MB", figure(naive, PEAK),
                "non-streaming workbook");
        String smaller = String.format(Locale.ROOT, "export, %,d rows", small);
        BenchmarkResult.print(smaller, "time, streaming at -Xmx" + heap, figure(streamingSmall, TIME), "ms",
                figure(naiveSmall, TIME), "non-streaming workbook at -Xmx2g");
    }

    /** Runs a child and prints its report; returns the report's last line ("time ..."), or "failed ..." */
    private static String run(String label, String mode, int rows, String heap) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var process = new ProcessBuilder(java, "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
                ExportBenchmark.class.getName(), "child", mode, Integer.toString(rows))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes()).strip();
        int exit = process.waitFor();
        String last = output.lines().reduce((a, b) -> b).orElse("");
        String report = exit == 0 ? last : "failed (exit " + exit + "): " + (output.contains("OutOfMemoryError")
                ? "java.lang.OutOfMemoryError" : last);
        System.out.printf(Locale.US, "%-18s %,9d rows -Xmx%-4s %s%n", label, rows, heap, report);
        return report;
    }

    /** A figure of a child's report line, or NaN when the child failed. */
    private static double figure(String report, Pattern pattern) {
        var found = pattern.matcher(report);
        return found.find() ? Double.parseDouble(found.group(1).replace(",", "")) : Double.NaN;
    }

    private static void child(String mode, int rows) throws IOException {
        File file = Files.createTempFile("export-benchmark-", ".xlsx").toFile();
        long start = System.nanoTime();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file.toPath()))) {
            if (mode.equals("streaming")) {
                try (var export = new ExcelExport("Missing IDs", COLUMNS, ExportProgress.NONE)) {
                    for (int i = 0; i < rows; i++) {
                        export.row(row(i));
                    }
                    rowsDone = System.nanoTime();
                    export.writeTo(out);
                }
            } else {
                naive(rows, out);
            }
        }
        long end = System.nanoTime();
        long millis = (end - start) / 1_000_000;
        String phases = rowsDone == 0 ? "" : String.format(Locale.US, " (rows %,d ms, writing the file %,d ms)",
                (rowsDone - start) / 1_000_000, (end - rowsDone) / 1_000_000);
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        // CPU time of the exporting thread: on a shared machine the wall time also counts other processes' turns.
        long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
        System.out.printf(Locale.US, "time %,d ms%s, CPU of the export thread %,d ms, peak heap %,d MB (max %,d MB), file %,d KB%n",
                millis, phases, cpu, peak >> 20, Runtime.getRuntime().maxMemory() >> 20, file.length() >> 10);
        Files.delete(file.toPath());
    }

    /** The same cells in a workbook that holds every row in memory until it is written. */
    private static void naive(int rows, OutputStream out) throws IOException {
        try (var book = new XSSFWorkbook()) {
            var sheet = book.createSheet("Missing IDs");
            var dateTime = book.createCellStyle();
            dateTime.setDataFormat(book.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
            var header = sheet.createRow(0);
            for (int c = 0; c < COLUMNS.size(); c++) {
                header.createCell(c).setCellValue(COLUMNS.get(c).header());
            }
            for (int i = 0; i < rows; i++) {
                var row = sheet.createRow(i + 1);
                Object[] values = row(i);
                for (int c = 0; c < values.length; c++) {
                    var cell = row.createCell(c);
                    switch (values[c]) {
                        case Number n -> cell.setCellValue(n.doubleValue());
                        case Instant t -> {
                            cell.setCellValue(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
                            cell.setCellStyle(dateTime);
                        }
                        default -> cell.setCellValue(values[c].toString());
                    }
                }
            }
            book.write(out);
        }
    }

    private static Object[] row(int i) {
        Instant first = START.plusSeconds(i * 17L);
        return new Object[] {"operator-" + (i % 6), "Widevine keybox for operator " + (i % 6),
                Long.toHexString(0x0C4F5A000000L + i).toUpperCase(Locale.ROOT), i % 3 == 0 ? "New" : "Sent to operator", first,
                first.plusSeconds(3600 + i % 5000), (long) (1 + i % 40), "Acme STB-" + (i % 12), "not-on-authorized-list",
                (long) (1 + i % 3)};
    }
}
