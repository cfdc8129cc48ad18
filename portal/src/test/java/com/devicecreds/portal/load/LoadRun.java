package com.devicecreds.portal.load;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import com.devicecreds.portal.security.dev.DemoPeople;
import com.devicecreds.portal.security.dev.DemoPeople.Person;

/**
 * A load test against a running portal: {@code users} people with sessions of their own (the demo
 * accounts in turn, operator staff included) sign in over {@code rampUp} and walk the main pages of
 * their roles for {@code walk}, thinking about {@code think} between clicks. Measured in the same run:
 * the portal's idle CPU (simulator only), one person of each role at a time walking its pages (the
 * unloaded baseline), the navigation times under load, the portal's CPU per navigation, and the live
 * heap with every session open and again after they signed out.
 */
final class LoadRun {

    /** {@code warmUp}: walk every role's pages once before the unloaded baseline, so that it is measured warm. */
    record Settings(int users, Duration rampUp, Duration walk, Duration think, boolean warmUp) {
    }

    private final int port;
    private final PortalGauges gauges;
    private final Map<String, List<Integer>> pools;
    /** HTTP/1.1 as browsers speak it over plain http (no h2c upgrade); redirects are read, not followed. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    /** {@code pools}: pool ids by operator code, {@code ""} for people who see every operator's pools. */
    LoadRun(int port, long pid, Map<String, List<Integer>> pools) {
        this.port = port;
        this.gauges = new PortalGauges(pid);
        this.pools = pools;
    }

    LoadReport run(Settings settings) throws InterruptedException {
        var people = DemoPeople.all();
        var idleFrom = System.nanoTime();
        double idleCpu = gauges.cpuMillis();
        Thread.sleep(3_000);
        double idleCpuPerSecond = (gauges.cpuMillis() - idleCpu) / ((System.nanoTime() - idleFrom) / 1e9);

        var warmUp = new Samples();
        if (settings.warmUp()) {
            walkEachRoleOnce(people, warmUp); // classes, caches and the JIT warm up
        }
        var unloaded = new Samples();
        double[] walking = walkEachRoleOnce(people, unloaded);
        double unloadedCpuPerNavigation = (walking[0] - idleCpuPerSecond * walking[1]) / unloaded.navigations().size();
        long heapBefore = gauges.liveHeapKib();
        var classesBefore = gauges.liveBytesByClass();

        var samples = new Samples();
        var walked = new CountDownLatch(settings.users());
        var signOut = new CountDownLatch(1);
        var mix = new PageMix();
        long start = System.nanoTime();
        long end = start + settings.rampUp().plus(settings.walk()).toNanos();
        long steadyFrom = start + settings.rampUp().toNanos();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                for (int u = 0; u < settings.users(); u++) {
                    long startAt = start + settings.rampUp().toNanos() * u / settings.users();
                    Thread.sleep(Math.max(0, (startAt - System.nanoTime()) / 1_000_000));
                    var person = people.get(u % people.size());
                    threads.submit(new LoadUser(new BrowserSession(http, port), person, RolePages.of(person, pools),
                            settings.think().toMillis(), end, samples, walked, signOut, mix));
                }
                Thread.sleep(Math.max(0, (steadyFrom - System.nanoTime()) / 1_000_000));
                double steadyCpu = gauges.cpuMillis();
                double steadyMachine = PortalGauges.machineBusyMillis();
                double steadyDriver = PortalGauges.driverCpuMillis();
                walked.await();
                long steadyTo = Math.min(end, System.nanoTime());
                double steadySeconds = (steadyTo - steadyFrom) / 1e9;
                double portalCpu = gauges.cpuMillis() - steadyCpu;
                double cpuUsed = portalCpu - idleCpuPerSecond * steadySeconds;
                var cores = new LoadReport.Cores(PortalGauges.machineBusyMillis() - steadyMachine, portalCpu,
                        PortalGauges.driverCpuMillis() - steadyDriver, steadySeconds);
                long steadyNavigations = samples.navigationsStartedBetween(steadyFrom, steadyTo);
                long heapWith = gauges.liveHeapKib();
                var classesWith = gauges.liveBytesByClass();
                signOut.countDown();
                threads.shutdown();
                threads.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES);
                long heapAfter = gauges.liveHeapKib();
                var classesAfter = gauges.liveBytesByClass();
                return new LoadReport(settings, samples, unloaded, warmUp.problems(), idleCpuPerSecond,
                        unloadedCpuPerNavigation, steadyNavigations > 0 ? cpuUsed / steadyNavigations : Double.NaN,
                        steadyNavigations / steadySeconds, heapBefore, heapWith, heapAfter,
                        LoadReport.growth(classesAfter, classesWith), LoadReport.growth(classesBefore, classesAfter), cores);
            } finally {
                signOut.countDown(); // never leave the users waiting, whatever failed
            }
        }
    }

    /**
     * One person of each role (and of each operator's staff), one after the other, opens every page of
     * their role once, then signs out. Returns the portal's CPU milliseconds and the seconds spent
     * walking the pages, sign-ins and sign-outs left out (a sign-in is a password hash, not a page view).
     */
    private double[] walkEachRoleOnce(List<Person> people, Samples samples) {
        double cpu = 0;
        double seconds = 0;
        var seen = new java.util.HashSet<List<Object>>();
        for (var person : people) {
            if (!seen.add(List.of(person.role(), person.operatorCode()))) {
                continue;
            }
            var browser = new BrowserSession(http, port);
            try {
                Optional<String> problem = browser.signIn(person.username(), DemoPeople.PASSWORD)
                        .or(() -> load(browser));
                samples.other("Sign-in", System.nanoTime(), problem);
                if (problem.isPresent()) {
                    continue;
                }
                long walkFrom = System.nanoTime();
                double cpuFrom = gauges.cpuMillis();
                for (var page : RolePages.of(person, pools)) {
                    long started = System.nanoTime();
                    samples.navigation(page.name(), started, browser.navigate(page.route(), page.expected(), "link")
                            .map(p -> person.username() + " " + p));
                }
                cpu += gauges.cpuMillis() - cpuFrom;
                seconds += (System.nanoTime() - walkFrom) / 1e9;
                browser.signOut();
            } catch (Exception e) {
                samples.other("Sign-in", System.nanoTime(), Optional.of(person.username() + ": " + e));
            }
        }
        return new double[] {cpu, seconds};
    }

    private static Optional<String> load(BrowserSession browser) {
        try {
            return browser.load(RolePages.DASHBOARD.route(), RolePages.DASHBOARD.expected());
        } catch (Exception e) {
            return Optional.of("page load: " + e);
        }
    }
}
