package com.devicecreds.portal.load;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.devicecreds.benchmark.BenchmarkResult;

/** The figures of one load run, printed as a table and as result lines for the benchmark runner. */
record LoadReport(LoadRun.Settings settings, Samples load, Samples unloaded, List<Samples.Sample> warmUpProblems,
        double idleCpuMillisPerSecond, double unloadedCpuMillisPerNavigation, double cpuMillisPerNavigation,
        double navigationsPerSecond, long heapBeforeKib, long heapWithSessionsKib, long heapAfterSignOutKib,
        List<Map.Entry<String, Long>> heldBySessions, List<Map.Entry<String, Long>> keptAfterSignOut, Cores cores) {

    /**
     * Where the machine's CPU went in the steady part, in milliseconds: the whole machine, the portal's
     * process and the load driver's; the rest is the database and the system.
     */
    record Cores(double machineMillis, double portalMillis, double driverMillis, double seconds) {

        double busy(double millis) {
            return millis / 1000 / seconds;
        }
    }

    /**
     * The classes whose live bytes grew most from {@code from} to {@code to}, largest first, then every
     * other class together (net: what grew less what shrank), so that the lines add up to the whole.
     */
    static List<Map.Entry<String, Long>> growth(Map<String, Long> from, Map<String, Long> to) {
        var keys = new java.util.HashSet<>(from.keySet());
        keys.addAll(to.keySet());
        var all = keys.stream().map(k -> Map.entry(k, to.getOrDefault(k, 0L) - from.getOrDefault(k, 0L))).toList();
        var top = new java.util.ArrayList<>(all.stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(24).toList());
        long rest = all.stream().mapToLong(Map.Entry::getValue).sum() - top.stream().mapToLong(Map.Entry::getValue).sum();
        top.add(Map.entry("(every other class, net)", rest));
        return List.copyOf(top);
    }

    List<Samples.Sample> problems() {
        var all = new java.util.ArrayList<>(warmUpProblems);
        all.addAll(unloaded.problems());
        all.addAll(load.problems());
        return all;
    }

    Set<String> pagesVisited() {
        return load.millisByPage().keySet();
    }

    double heapPerSessionKib() {
        return (double) (heapWithSessionsKib - heapAfterSignOutKib) / settings.users();
    }

    void print(PrintStream out) {
        var all = load.navigations().stream().map(Samples.Sample::millis).toList();
        var base = unloaded.navigations().stream().map(Samples.Sample::millis).toList();
        out.printf(Locale.ROOT, "Load test: %d users, ramp-up %d s, walk %d s, think ~%d ms; %d navigations (%.1f/s in the steady part), "
                        + "%d polls, %d sign-ins%n", settings.users(), settings.rampUp().toSeconds(), settings.walk().toSeconds(),
                settings.think().toMillis(), all.size(), navigationsPerSecond, load.count("Poll"), load.count("Sign-in"));
        out.printf(Locale.ROOT, "%-16s %7s %9s %9s %9s   %s%n", "page", "count", "p50 ms", "p95 ms", "p99 ms", "unloaded p50 ms");
        var unloadedByPage = unloaded.millisByPage();
        load.millisByPage().forEach((page, millis) -> out.printf(Locale.ROOT, "%-16s %7d %9.1f %9.1f %9.1f   %9.1f%n", page,
                millis.size(), Samples.percentile(millis, 50), Samples.percentile(millis, 95), Samples.percentile(millis, 99),
                Samples.percentile(unloadedByPage.getOrDefault(page, List.of()), 50)));
        out.printf(Locale.ROOT, "%-16s %7d %9.1f %9.1f %9.1f   %9.1f%n", "all pages", all.size(), Samples.percentile(all, 50),
                Samples.percentile(all, 95), Samples.percentile(all, 99), Samples.percentile(base, 50));
        out.printf(Locale.ROOT, "Chart images: %d fetched, %d shown again from the browser's copy%n", load.imagesFetched(),
                load.imagesReused());
        out.printf(Locale.ROOT, "Errors: %d%n", problems().size());
        problems().stream().limit(20).forEach(p -> out.println("  " + p.page() + ": " + p.problem().orElse("")));
        out.printf(Locale.ROOT, "Portal CPU: idle (simulator) %.0f ms/s; per navigation %.1f ms under load (polls, heartbeats and images included), %.1f ms per page view one user at a time (warm, sign-ins left out)%n",
                idleCpuMillisPerSecond, cpuMillisPerNavigation, unloadedCpuMillisPerNavigation);
        out.printf(Locale.ROOT, "Machine CPU in the steady part, in cores busy of %d: %.2f in all; portal %.2f, load driver %.2f, "
                        + "database and system %.2f%n", Runtime.getRuntime().availableProcessors(), cores.busy(cores.machineMillis()),
                cores.busy(cores.portalMillis()), cores.busy(cores.driverMillis()),
                cores.busy(cores.machineMillis() - cores.portalMillis() - cores.driverMillis()));
        out.printf(Locale.ROOT, "Live heap after full GC: %,d KiB before, %,d KiB with %d sessions, %,d KiB after they signed out: "
                        + "%.1f KiB per session%n", heapBeforeKib, heapWithSessionsKib, settings.users(), heapAfterSignOutKib,
                heapPerSessionKib());
        out.println("What the sessions hold (live bytes with them open less after they signed out), per session:");
        heldBySessions.forEach(e -> out.printf(Locale.ROOT, "  %9.1f KiB  %s%n", e.getValue() / 1024.0 / settings.users(), e.getKey()));
        out.println("What stayed after they signed out (less before they came):");
        keptAfterSignOut.forEach(e -> out.printf(Locale.ROOT, "  %,12d KiB  %s%n", e.getValue() / 1024, e.getKey()));

        String name = "load test, " + settings.users() + " users";
        for (int p : new int[] {50, 95, 99}) {
            BenchmarkResult.print(out, name, "navigation p" + p, Samples.percentile(all, p), "ms",
                    Samples.percentile(base, p), "one user at a time");
        }
        BenchmarkResult.print(out, name, "errors", problems().size(), "count");
        BenchmarkResult.print(out, name, "portal CPU per navigation", cpuMillisPerNavigation, "ms",
                unloadedCpuMillisPerNavigation, "one user at a time");
        BenchmarkResult.print(out, name, "live heap per session", heapPerSessionKib(), "KiB");
    }
}
