package com.devicecreds.portal.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The portal JVM seen from outside, as an operator would look at it: its live heap after a full GC
 * ({@code jcmd <pid> GC.run}, then {@code GC.heap_info}) and the CPU time the process has used
 * ({@code /proc/<pid>/stat}, user plus system).
 */
final class PortalGauges {

    private static final Pattern USED = Pattern.compile("heap\\s+total[^\\n]*?used (\\d+)K");
    private static final double MILLIS_PER_TICK = 10.0; // USER_HZ is 100 on Linux

    private final long pid;

    PortalGauges(long pid) {
        this.pid = pid;
    }

    /** KiB of heap in use right after a full collection. */
    long liveHeapKib() {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        var used = USED.matcher(info);
        if (!used.find()) {
            throw new IllegalStateException("No heap figure in:\n" + info);
        }
        return Long.parseLong(used.group(1));
    }

    /**
     * Bytes of live objects by class ({@code jcmd <pid> GC.class_histogram}, which collects first), for
     * telling what the sessions hold.
     */
    java.util.Map<String, Long> liveBytesByClass() {
        var bytes = new java.util.HashMap<String, Long>();
        var row = Pattern.compile("^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)", Pattern.MULTILINE).matcher(jcmd("GC.class_histogram"));
        while (row.find()) {
            bytes.merge(row.group(2), Long.parseLong(row.group(1)), Long::sum);
        }
        return bytes;
    }

    /** Milliseconds of CPU the portal's process has used since it started, all threads, user and system. */
    double cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name in parentheses may hold spaces: count fields after its closing parenthesis.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MILLIS_PER_TICK;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Milliseconds of CPU the whole machine has been busy since boot, all cores ({@code /proc/stat}). */
    static double machineBusyMillis() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < cpu.length; i++) {
                if (i != 4 && i != 5 && i <= 8) { // user nice system [idle iowait] irq softirq steal
                    busy += Long.parseLong(cpu[i]);
                }
            }
            return busy * MILLIS_PER_TICK;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Milliseconds of CPU this process (the load driver) has used. */
    static double driverCpuMillis() {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os.getProcessCpuTime() / 1e6;
    }

    private String jcmd(String command) {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        try {
            var process = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("jcmd " + command + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
